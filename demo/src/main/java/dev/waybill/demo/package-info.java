/**
 * The demo's command line.
 */
@NullMarked
package dev.waybill.demo;

import org.jspecify.annotations.NullMarked;
