/**
 * A read-only replica of inventory's product stock, fed by ProductStockChanged, that only
 * ever moves to newer versions.
 */
@NullMarked
package dev.waybill.order.replica;

import org.jspecify.annotations.NullMarked;
