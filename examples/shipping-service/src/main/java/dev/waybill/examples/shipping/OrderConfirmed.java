package dev.waybill.examples.shipping;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** order-service's event, read tolerantly: the fields this service needs, no others. */
record OrderConfirmed(@NotNull UUID orderId, @NotNull Instant confirmedAt) {
}
