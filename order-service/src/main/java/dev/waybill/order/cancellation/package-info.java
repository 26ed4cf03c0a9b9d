/**
 * Cancelling orders: a PENDING or CONFIRMED order becomes CANCELLED and inventory is told
 * to release its stock.
 */
@NullMarked
package dev.waybill.order.cancellation;

import org.jspecify.annotations.NullMarked;
