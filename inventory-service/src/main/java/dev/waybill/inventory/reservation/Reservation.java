package dev.waybill.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * What inventory holds for one order, as {@code GET /reservations/{orderId}} shows it.
 *
 * @param orderId the order
 * @param status what inventory did
 * @param reason why it was rejected, or {@code null}
 * @param lines the order's lines, in sku order
 * @param createdAt when inventory first heard of the order
 * @param updatedAt when the status last changed
 * @param version the aggregate version of the reservation's last event (0 before any)
 */
public record Reservation(UUID orderId, ReservationStatus status, @Nullable String reason, List<ReservedLine> lines,
		Instant createdAt, Instant updatedAt, @JsonIgnore long version) {
}
