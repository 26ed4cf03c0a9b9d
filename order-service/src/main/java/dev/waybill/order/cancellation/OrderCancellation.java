package dev.waybill.order.cancellation;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.waybill.order.placement.Order;
import dev.waybill.order.placement.OrderNotFoundException;
import dev.waybill.order.placement.OrderStatus;
import dev.waybill.order.placement.Orders;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;

/**
 * Cancels an order and appends {@code OrderCancelled} in one transaction. The order row
 * is locked first, so a cancel and inventory's answer for the same order never
 * interleave.
 */
@Component
final class OrderCancellation {

	private static final Set<OrderStatus> CANCELLABLE = Set.of(OrderStatus.PENDING, OrderStatus.CONFIRMED);

	private final Orders orders;

	private final OutboxWriter outbox;

	private final TransactionTemplate transactions;

	OrderCancellation(Orders orders, OutboxWriter outbox, TransactionTemplate transactions) {
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	Order cancel(UUID id) {
		return java.util.Objects.requireNonNull(this.transactions.execute((status) -> {
			Order order = this.orders.lock(id).orElseThrow(() -> new OrderNotFoundException(id));
			if (!CANCELLABLE.contains(order.status())) {
				throw new OrderNotCancellableException(id, order.status());
			}
			long version = this.orders.update(order, OrderStatus.CANCELLED, null);
			this.outbox.append(new OutgoingEvent("order", id.toString(), version, OrderCancelled.TYPE,
					new OrderCancelled(id, order.status().name(), Instant.now())));
			return this.orders.find(id).orElseThrow();
		}));
	}

}
