package dev.waybill.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event {@code StockRejected}, version 1: not every line could be reserved, so none is.
 *
 * <p>
 * Topic {@code outbox.event.reservation}, key = order id, aggregate version 1. Example:
 * {@code dev/waybill/inventory/reservation/StockRejected.json} in this module's
 * resources.
 *
 * @param orderId the order
 * @param reason why, for people; order-service shows it on the order
 * @param shortLines the lines that could not be reserved, in sku order
 * @param rejectedAt when
 */
public record StockRejected(UUID orderId, String reason, List<ShortLine> shortLines, Instant rejectedAt) {

	/** The event type. */
	public static final String TYPE = "StockRejected";

	/**
	 * A line that could not be reserved.
	 *
	 * @param sku the product
	 * @param requested how many the order wanted
	 * @param available how many were available (0 for an unknown product)
	 */
	public record ShortLine(String sku, int requested, int available) {
	}

}
