/**
 * Places orders against the running system and reports how they ended and how long it
 * took.
 */
@NullMarked
package dev.waybill.demo.load;

import org.jspecify.annotations.NullMarked;
