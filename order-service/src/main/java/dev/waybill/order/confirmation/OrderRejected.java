package dev.waybill.order.confirmation;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code OrderRejected}, version 1: inventory could not reserve every line, nothing
 * is reserved, and the order is rejected.
 *
 * <p>
 * Topic {@code outbox.event.order}, key = order id. Example:
 * {@code dev/waybill/order/confirmation/OrderRejected.json} in this module's resources.
 *
 * @param orderId the order
 * @param reason inventory's reason, also shown on the order
 * @param rejectedAt when it was rejected
 */
public record OrderRejected(UUID orderId, String reason, Instant rejectedAt) {

	/** The event type. */
	public static final String TYPE = "OrderRejected";

}
