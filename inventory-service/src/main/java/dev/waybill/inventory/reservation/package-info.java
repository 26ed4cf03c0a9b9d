/**
 * Reservations: all lines of an order or none on OrderPlaced, released exactly once on
 * OrderCancelled, also when the cancellation arrives first.
 */
@NullMarked
package dev.waybill.inventory.reservation;

import org.jspecify.annotations.NullMarked;
