package dev.waybill.order.placement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
final class JdbcOrders implements Orders {

	private static final String SELECT_ORDER = """
			SELECT id, customer_id, status, reason, created_at, updated_at, version
			FROM customer_order WHERE id = ?
			""";

	private static final String LOCK_ORDER = SELECT_ORDER + " FOR UPDATE";

	private static final String SELECT_LINES = """
			SELECT order_id, sku, quantity FROM order_line
			WHERE order_id = ANY(?) ORDER BY order_id, line_no
			""";

	private static final String UPDATE_STATUS = """
			UPDATE customer_order SET status = ?, reason = ?, version = version + 1, updated_at = now()
			WHERE id = ? AND version = ?
			""";

	private static final String LIST_ORDERS = """
			SELECT id, customer_id, status, reason, created_at, updated_at, version
			FROM customer_order WHERE (CAST(? AS varchar) IS NULL OR status = ?)
			ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
			""";

	private static final String INSERT_ORDER = """
			INSERT INTO customer_order (id, customer_id, status, version, idempotency_key, request_hash, created_at, updated_at)
			VALUES (?, ?, 'PENDING', 1, ?, ?, now(), now())
			ON CONFLICT (idempotency_key) DO NOTHING
			RETURNING created_at
			""";

	private static final String INSERT_LINE = """
			INSERT INTO order_line (order_id, line_no, sku, quantity) VALUES (?, ?, ?, ?)
			""";

	// only a pending order moves; under a concurrent change (a cancel) the update waits
	// for it and then reads the row as it committed
	private static final String SETTLE = """
			UPDATE customer_order SET status = ?, reason = ?, version = version + 1, updated_at = now()
			WHERE id = ? AND status = 'PENDING'
			RETURNING version
			""";

	private static final String SELECT_BY_KEY = """
			SELECT id, request_hash FROM customer_order WHERE idempotency_key = ?
			""";

	private final JdbcTemplate jdbc;

	JdbcOrders(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Order> find(UUID id) {
		return withLines(this.jdbc.query(SELECT_ORDER, JdbcOrders::order, id)).stream().findFirst();
	}

	@Override
	public Optional<Order> lock(UUID id) {
		return withLines(this.jdbc.query(LOCK_ORDER, JdbcOrders::order, id)).stream().findFirst();
	}

	@Override
	public long update(Order order, OrderStatus status, @Nullable String reason) {
		int updated = this.jdbc.update(UPDATE_STATUS, status.name(), reason, order.id(), order.version());
		if (updated != 1) {
			throw new OptimisticLockingFailureException("Order " + order.id() + " changed concurrently");
		}
		return order.version() + 1;
	}

	@Override
	public List<Order> list(@Nullable OrderStatus status, long offset, int limit) {
		String name = (status != null) ? status.name() : null;
		return withLines(this.jdbc.query(LIST_ORDERS, JdbcOrders::order, name, name, limit, offset));
	}

	@Override
	public OptionalLong settle(UUID id, OrderStatus status, @Nullable String reason) {
		List<Long> versions = this.jdbc.query(SETTLE, (row, n) -> row.getLong("version"), status.name(), reason, id);
		return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(0));
	}

	/**
	 * Inserts a pending order with its lines.
	 * @return the order as stored, or empty, writing nothing, when the idempotency key is
	 * taken
	 */
	Optional<Order> insert(UUID id, String customerId, List<OrderLine> lines, @Nullable String idempotencyKey,
			@Nullable String requestHash) {
		List<Instant> created = this.jdbc.query(INSERT_ORDER, (row, n) -> row.getTimestamp("created_at").toInstant(),
				id, customerId, idempotencyKey, requestHash);
		if (created.isEmpty()) {
			return Optional.empty();
		}
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			rows.add(new Object[] { id, i + 1, lines.get(i).sku(), lines.get(i).quantity() });
		}
		this.jdbc.batchUpdate(INSERT_LINE, rows);
		return Optional.of(new Order(id, customerId, OrderStatus.PENDING, List.copyOf(lines), null, created.get(0),
				created.get(0), 1));
	}

	Optional<KeyedOrder> findByKey(String idempotencyKey) {
		return this.jdbc
			.query(SELECT_BY_KEY,
					(row, n) -> new KeyedOrder(row.getObject("id", UUID.class), row.getString("request_hash")),
					idempotencyKey)
			.stream()
			.findFirst();
	}

	record KeyedOrder(UUID id, @Nullable String requestHash) {
	}

	private List<Order> withLines(List<Order> orders) {
		if (orders.isEmpty()) {
			return orders;
		}
		Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
		UUID[] ids = orders.stream().map(Order::id).toArray(UUID[]::new);
		this.jdbc.query(SELECT_LINES, (ResultSet row) -> {
			lines.computeIfAbsent(row.getObject("order_id", UUID.class), (key) -> new ArrayList<>())
				.add(new OrderLine(row.getString("sku"), row.getInt("quantity")));
		}, (Object) ids);
		return orders.stream()
			.map((order) -> new Order(order.id(), order.customerId(), order.status(),
					List.copyOf(lines.getOrDefault(order.id(), List.of())), order.reason(), order.createdAt(),
					order.updatedAt(), order.version()))
			.toList();
	}

	private static Order order(ResultSet row, int rowNum) throws SQLException {
		return new Order(row.getObject("id", UUID.class), row.getString("customer_id"),
				OrderStatus.valueOf(row.getString("status")), List.of(), row.getString("reason"),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
				row.getLong("version"));
	}

}
