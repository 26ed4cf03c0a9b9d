/**
 * Placing orders (POST /orders, idempotent with an Idempotency-Key) and reading them; the
 * order store shared by the features.
 */
@NullMarked
package dev.waybill.order.placement;

import org.jspecify.annotations.NullMarked;
