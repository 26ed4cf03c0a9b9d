package dev.waybill.audit;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.waybill.audit.TestSystem.Event;
import dev.waybill.audit.TestSystem.Side;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The saga's steps written the way the two services write them: the same rows, versions,
 * outbox events and inbox rows, so that a world built from them is consistent.
 */
final class TestWorld {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final TestSystem system;

	private final Map<UUID, Event> placed = new HashMap<>();

	private final Map<UUID, Map<String, Integer>> lines = new HashMap<>();

	TestWorld(TestSystem system) {
		this.system = system;
	}

	void createProduct(String sku, int stock) throws SQLException {
		this.system.update(Side.INVENTORY, """
				INSERT INTO product (sku, name, available, reserved, version, created_at, updated_at)
				VALUES (?, ?, ?, 0, 1, now(), now())
				""", sku, "Product " + sku, stock);
		announce(sku);
	}

	/** Moves units the way inventory's {@code Stock.change} does. */
	void changeStock(String sku, int availableDelta, int reservedDelta) throws SQLException {
		this.system.update(Side.INVENTORY, """
				UPDATE product SET available = available + ?, reserved = reserved + ?, version = version + 1,
				updated_at = now() WHERE sku = ?
				""", availableDelta, reservedDelta, sku);
		announce(sku);
	}

	/** A restock or adjustment, as {@code PUT /products/{sku}/stock} makes it. */
	void setAvailable(String sku, int available, int versionStep) throws SQLException {
		this.system.update(Side.INVENTORY,
				"UPDATE product SET available = ?, version = version + ?, updated_at = now() WHERE sku = ?", available,
				versionStep, sku);
		announce(sku);
	}

	UUID placeOrder(Map<String, Integer> orderLines) throws SQLException {
		UUID id = UUID.randomUUID();
		this.system.update(Side.ORDERS, """
				INSERT INTO customer_order (id, customer_id, status, version, created_at, updated_at)
				VALUES (?, 'c-42', 'PENDING', 1, now(), now())
				""", id);
		int lineNo = 1;
		for (Map.Entry<String, Integer> line : orderLines.entrySet()) {
			this.system.update(Side.ORDERS,
					"INSERT INTO order_line (order_id, line_no, sku, quantity) VALUES (?, ?, ?, ?)", id, lineNo++,
					line.getKey(), line.getValue());
		}
		this.lines.put(id, new TreeMap<>(orderLines));
		this.placed.put(id, this.system.append(Side.ORDERS, "order", id.toString(), "OrderPlaced", 1,
				json(Map.of("orderId", id, "customerId", "c-42", "lines", lineList(id), "placedAt", now()))));
		return id;
	}

	/** inventory reserves every line, order-service confirms. */
	void reserve(UUID id) throws SQLException {
		this.system.receive(Side.INVENTORY, this.placed.get(id));
		for (Map.Entry<String, Integer> line : this.lines.get(id).entrySet()) {
			changeStock(line.getKey(), -line.getValue(), line.getValue());
		}
		insertReservation(id, "RESERVED", null);
		Event reserved = this.system.append(Side.INVENTORY, "reservation", id.toString(), "StockReserved", 1,
				json(Map.of("orderId", id, "lines", lineList(id), "reservedAt", now())));
		this.system.receive(Side.ORDERS, reserved);
		settle(id, "CONFIRMED", "OrderConfirmed");
	}

	/** inventory rejects, order-service rejects the order. */
	void reject(UUID id, String reason) throws SQLException {
		this.system.receive(Side.INVENTORY, this.placed.get(id));
		insertReservation(id, "REJECTED", reason);
		Event rejected = this.system.append(Side.INVENTORY, "reservation", id.toString(), "StockRejected", 1,
				json(Map.of("orderId", id, "reason", reason, "shortLines", List.of(), "rejectedAt", now())));
		this.system.receive(Side.ORDERS, rejected);
		settle(id, "REJECTED", "OrderRejected");
	}

	/** order-service's side of a cancellation; inventory has not read it yet. */
	Event cancel(UUID id) throws SQLException {
		long version = this.system.queryLong(Side.ORDERS, """
				UPDATE customer_order SET status = 'CANCELLED', version = version + 1, updated_at = now()
				WHERE id = ? RETURNING version
				""", id);
		return this.system.append(Side.ORDERS, "order", id.toString(), "OrderCancelled", version,
				json(Map.of("orderId", id, "previousStatus", "CONFIRMED", "cancelledAt", now())));
	}

	/** inventory reads the cancellation and releases the reservation. */
	void release(UUID id, Event cancelled) throws SQLException {
		this.system.receive(Side.INVENTORY, cancelled);
		for (Map.Entry<String, Integer> line : this.lines.get(id).entrySet()) {
			changeStock(line.getKey(), line.getValue(), -line.getValue());
		}
		this.system.update(Side.INVENTORY,
				"UPDATE reservation SET status = 'RELEASED', version = 2, updated_at = now() WHERE order_id = ?", id);
		this.system.append(Side.INVENTORY, "reservation", id.toString(), "StockReleased", 2,
				json(Map.of("orderId", id, "lines", lineList(id), "releasedAt", now())));
	}

	/** order-service settles a pending order (or, applied again, a settled one). */
	void settle(UUID id, String status, String eventType) throws SQLException {
		long version = this.system.queryLong(Side.ORDERS, """
				UPDATE customer_order SET status = ?, version = version + 1, updated_at = now()
				WHERE id = ? RETURNING version
				""", status, id);
		this.system.append(Side.ORDERS, "order", id.toString(), eventType, version,
				json(Map.of("orderId", id, "at", now())));
	}

	private void insertReservation(UUID id, String status, String reason) throws SQLException {
		this.system.update(Side.INVENTORY, """
				INSERT INTO reservation (order_id, status, reason, version, created_at, updated_at)
				VALUES (?, ?, ?, 1, now(), now())
				""", id, status, reason);
		for (Map.Entry<String, Integer> line : this.lines.get(id).entrySet()) {
			this.system.update(Side.INVENTORY,
					"INSERT INTO reservation_line (order_id, sku, quantity) VALUES (?, ?, ?)", id, line.getKey(),
					line.getValue());
		}
	}

	// inventory announces the new state; order-service's replica applies it
	private void announce(String sku) throws SQLException {
		Map<String, Object> product = new TreeMap<>();
		try (var statement = this.system.connection(Side.INVENTORY)
			.prepareStatement("SELECT sku, name, available, reserved, version FROM product WHERE sku = ?")) {
			statement.setString(1, sku);
			try (var row = statement.executeQuery()) {
				row.next();
				for (String column : List.of("sku", "name", "available", "reserved", "version")) {
					product.put(column, row.getObject(column));
				}
			}
		}
		long version = ((Number) product.get("version")).longValue();
		Event changed = this.system.append(Side.INVENTORY, "product", sku, "ProductStockChanged", version,
				json(product));
		this.system.receive(Side.ORDERS, changed);
		this.system.update(Side.ORDERS, """
				INSERT INTO product_replica AS replica (sku, name, available, reserved, version, updated_at)
				VALUES (?, ?, ?, ?, ?, now())
				ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, available = EXCLUDED.available,
				reserved = EXCLUDED.reserved, version = EXCLUDED.version WHERE replica.version < EXCLUDED.version
				""", sku, product.get("name"), product.get("available"), product.get("reserved"), version);
	}

	private List<Map<String, Object>> lineList(UUID id) {
		return this.lines.get(id)
			.entrySet()
			.stream()
			.map((line) -> Map.<String, Object>of("sku", line.getKey(), "quantity", line.getValue()))
			.toList();
	}

	private static String now() {
		return Instant.now().toString();
	}

	private static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
