package dev.waybill.inventory.reservation;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * inventory-service's reading of order-service's {@code OrderCancelled} v1 (documented,
 * with its example, next to its producer in order-service).
 *
 * @param orderId the cancelled order
 */
public record OrderCancelled(@NotNull UUID orderId) {
}
