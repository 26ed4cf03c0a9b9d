package dev.waybill.order.placement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * An order, as the API shows it.
 *
 * @param id the order id
 * @param customerId the customer
 * @param status where the order is in the saga
 * @param lines the lines, in the order they were placed
 * @param reason why the order was rejected, or {@code null}
 * @param createdAt when it was placed
 * @param updatedAt when its status last changed
 * @param version the aggregate version: 1 when placed, one more per event
 */
public record Order(UUID id, String customerId, OrderStatus status, List<OrderLine> lines, @Nullable String reason,
		Instant createdAt, Instant updatedAt, @JsonIgnore long version) {
}
