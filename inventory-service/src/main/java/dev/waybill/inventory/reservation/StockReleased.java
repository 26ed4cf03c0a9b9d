package dev.waybill.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event {@code StockReleased}, version 1: the order was cancelled and its reserved lines
 * are available again (the compensation). Appended once per order at most.
 *
 * <p>
 * Topic {@code outbox.event.reservation}, key = order id, aggregate version 2. Example:
 * {@code dev/waybill/inventory/reservation/StockReleased.json} in this module's
 * resources.
 *
 * @param orderId the order
 * @param lines the released lines, in sku order
 * @param releasedAt when
 */
public record StockReleased(UUID orderId, List<ReservedLine> lines, Instant releasedAt) {

	/** The event type. */
	public static final String TYPE = "StockReleased";

}
