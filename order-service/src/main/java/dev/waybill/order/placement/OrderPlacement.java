package dev.waybill.order.placement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;

/**
 * Places orders: the order, its lines and {@code OrderPlaced} commit together or not at
 * all. A request repeated with the same idempotency key returns the first order.
 */
@Component
final class OrderPlacement {

	static final String AGGREGATE = "order";

	private final JdbcOrders orders;

	private final OutboxWriter outbox;

	private final TransactionTemplate transactions;

	OrderPlacement(JdbcOrders orders, OutboxWriter outbox, TransactionTemplate transactions) {
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	Placement place(PlaceOrderRequest request, @Nullable String idempotencyKey) {
		List<OrderLine> lines = request.lines()
			.stream()
			.map((line) -> new OrderLine(line.sku(), line.quantity()))
			.toList();
		String hash = (idempotencyKey != null) ? hash(request.customerId(), lines) : null;
		return java.util.Objects.requireNonNull(this.transactions.execute((status) -> {
			UUID id = UUID.randomUUID();
			Order order = this.orders.insert(id, request.customerId(), lines, idempotencyKey, hash).orElse(null);
			if (order == null) {
				return replay(idempotencyKey, hash);
			}
			this.outbox.append(new OutgoingEvent(AGGREGATE, id.toString(), order.version(), OrderPlaced.TYPE,
					new OrderPlaced(id, order.customerId(),
							lines.stream().map((line) -> new OrderPlaced.Line(line.sku(), line.quantity())).toList(),
							order.createdAt())));
			return new Placement(order, false);
		}));
	}

	// the insert waited for a concurrent holder of the key to
	// commit, so the row is visible
	private Placement replay(@Nullable String idempotencyKey, @Nullable String hash) {
		String key = java.util.Objects.requireNonNull(idempotencyKey);
		JdbcOrders.KeyedOrder existing = this.orders.findByKey(key).orElseThrow();
		if (!java.util.Objects.equals(existing.requestHash(), hash)) {
			throw new IdempotencyKeyReusedException(key);
		}
		return new Placement(this.orders.find(existing.id()).orElseThrow(), true);
	}

	private static String hash(String customerId, List<OrderLine> lines) {
		StringBuilder canonical = new StringBuilder(customerId);
		lines.forEach((line) -> canonical.append('\n').append(line.sku()).append(' ').append(line.quantity()));
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Placement(Order order, boolean replayed) {
	}

}
