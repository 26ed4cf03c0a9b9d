package dev.waybill.order.confirmation;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code OrderConfirmed}, version 1: inventory reserved every line and the order is
 * confirmed.
 *
 * <p>
 * Topic {@code outbox.event.order}, key = order id. Example:
 * {@code dev/waybill/order/confirmation/OrderConfirmed.json} in this module's resources.
 *
 * @param orderId the order
 * @param confirmedAt when it was confirmed
 */
public record OrderConfirmed(UUID orderId, Instant confirmedAt) {

	/** The event type. */
	public static final String TYPE = "OrderConfirmed";

}
