package dev.waybill.examples.shipping;

import java.time.Instant;
import java.util.UUID;

/** This service's event: a shipment was scheduled for an order. */
record ShipmentScheduled(UUID orderId, Instant scheduledAt) {
}
