package dev.waybill.order.cancellation;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code OrderCancelled}, version 1: the customer cancelled a pending or confirmed
 * order; inventory releases whatever it reserved for it, and records the cancellation if
 * the order has not reached it yet.
 *
 * <p>
 * Topic {@code outbox.event.order}, key = order id. Example:
 * {@code dev/waybill/order/cancellation/OrderCancelled.json} in this module's resources.
 *
 * @param orderId the order
 * @param previousStatus the status the order was cancelled from ({@code PENDING} or
 * {@code CONFIRMED})
 * @param cancelledAt when it was cancelled
 */
public record OrderCancelled(UUID orderId, String previousStatus, Instant cancelledAt) {

	/** The event type. */
	public static final String TYPE = "OrderCancelled";

}
