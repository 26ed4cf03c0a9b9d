/**
 * The saga's reply: inventory's StockReserved or StockRejected moves a PENDING order to
 * CONFIRMED or REJECTED.
 */
@NullMarked
package dev.waybill.order.confirmation;

import org.jspecify.annotations.NullMarked;
