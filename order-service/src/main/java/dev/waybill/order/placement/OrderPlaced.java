package dev.waybill.order.placement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event {@code OrderPlaced}, version 1: an order was accepted and waits for inventory.
 *
 * <p>
 * Topic {@code outbox.event.order}, key = order id, aggregate version 1. Inventory
 * reserves every line or none and answers with {@code StockReserved} or
 * {@code StockRejected}. Example: {@code dev/waybill/order/placement/OrderPlaced.json} in
 * this module's resources. Versioning: fields may be added (consumers ignore unknown
 * fields); removing or changing one means a new event type.
 *
 * @param orderId the order
 * @param customerId the customer
 * @param lines the lines, each sku once
 * @param placedAt when the order was placed
 */
public record OrderPlaced(UUID orderId, String customerId, List<Line> lines, Instant placedAt) {

	/** The event type. */
	public static final String TYPE = "OrderPlaced";

	/**
	 * One line.
	 *
	 * @param sku the product
	 * @param quantity how many, 1 to 10,000
	 */
	public record Line(String sku, int quantity) {
	}

}
