package dev.waybill.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event {@code StockReserved}, version 1: every line of the order is reserved.
 *
 * <p>
 * Topic {@code outbox.event.reservation}, key = order id, aggregate version 1. Example:
 * {@code dev/waybill/inventory/reservation/StockReserved.json} in this module's
 * resources.
 *
 * @param orderId the order
 * @param lines the reserved lines, in sku order
 * @param reservedAt when
 */
public record StockReserved(UUID orderId, List<ReservedLine> lines, Instant reservedAt) {

	/** The event type. */
	public static final String TYPE = "StockReserved";

}
