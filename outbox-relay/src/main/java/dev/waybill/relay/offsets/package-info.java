/**
 * The relay's offsets topic: one compacted partition that holds every source's position,
 * written by publishing with each batch and read back by the captures, counting committed
 * batches only.
 */
@NullMarked
package dev.waybill.relay.offsets;

import org.jspecify.annotations.NullMarked;
