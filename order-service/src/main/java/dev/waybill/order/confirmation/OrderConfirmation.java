package dev.waybill.order.confirmation;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.waybill.order.placement.Order;
import dev.waybill.order.placement.OrderStatus;
import dev.waybill.order.placement.Orders;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.outbox.kafka.PoisonRecordException;

/**
 * Settles a pending order with inventory's answer. Runs inside the consumer's transaction
 * (see {@link dev.waybill.outbox.kafka.IncomingEvents}). An order that is no longer
 * pending was cancelled meanwhile: the answer changes nothing, and inventory releases the
 * stock when it reads the {@code OrderCancelled} that follows.
 */
@Component
final class OrderConfirmation {

	private static final Logger logger = LoggerFactory.getLogger(OrderConfirmation.class);

	private final Orders orders;

	private final OutboxWriter outbox;

	OrderConfirmation(Orders orders, OutboxWriter outbox) {
		this.orders = orders;
		this.outbox = outbox;
	}

	void confirm(StockReserved event) {
		settle(event.orderId(), OrderStatus.CONFIRMED, null);
	}

	void reject(StockRejected event) {
		settle(event.orderId(), OrderStatus.REJECTED, event.reason());
	}

	private void settle(UUID id, OrderStatus outcome, @Nullable String reason) {
		OptionalLong settled = this.orders.settle(id, outcome, reason);
		if (settled.isEmpty()) {
			Order order = this.orders.find(id)
				.orElseThrow(() -> new PoisonRecordException("Inventory answered for unknown order " + id));
			logger.info("Order {} is {}; inventory's answer {} changes nothing", id, order.status(), outcome);
			return;
		}
		long version = settled.getAsLong();
		Instant now = Instant.now();
		Object event = (outcome == OrderStatus.CONFIRMED) ? new OrderConfirmed(id, now)
				: new OrderRejected(id, String.valueOf(reason), now);
		String type = (outcome == OrderStatus.CONFIRMED) ? OrderConfirmed.TYPE : OrderRejected.TYPE;
		this.outbox.append(new OutgoingEvent("order", id.toString(), version, type, event));
	}

}
