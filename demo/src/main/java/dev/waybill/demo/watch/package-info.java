/**
 * Prints the events on the outbox topics as they are committed.
 */
@NullMarked
package dev.waybill.demo.watch;

import org.jspecify.annotations.NullMarked;
