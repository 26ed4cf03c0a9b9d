package dev.waybill.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both services' databases on the demo's PostgreSQL, read directly: what the services
 * committed, whatever their APIs show.
 */
final class SagaDatabases {

	static final String ORDERS = "orders";

	static final String INVENTORY = "inventory";

	/** Every table of each database, business tables first, then outbox and inbox. */
	private static final Map<String, List<String>> TABLES = Map.of(ORDERS,
			List.of("customer_order", "order_line", "product_replica", "outbox_event", "processed_event"), INVENTORY,
			List.of("product", "reservation", "reservation_line", "outbox_event", "processed_event"));

	/** Each business table's state, with a stable row order. */
	private static final Map<String, String> STATE = Map.of("customer_order", """
			SELECT id, customer_id, status, reason, version, updated_at FROM customer_order ORDER BY id""",
			"order_line", """
					SELECT order_id, line_no, sku, quantity FROM order_line ORDER BY order_id, line_no""",
			"product_replica", """
					SELECT sku, name, available, reserved, version, updated_at FROM product_replica ORDER BY sku""",
			"product", """
					SELECT sku, name, available, reserved, version, updated_at FROM product ORDER BY sku""",
			"reservation", """
					SELECT order_id, status, reason, version, updated_at FROM reservation ORDER BY order_id""",
			"reservation_line", """
					SELECT order_id, sku, quantity, available FROM reservation_line ORDER BY order_id, sku""");

	private static final String OUTBOX_IDS = """
			SELECT id::text FROM outbox_event""";

	private static final String INBOX_IDS = """
			SELECT event_id::text FROM processed_event""";

	private final RunningDemo demo;

	SagaDatabases(RunningDemo demo) {
		this.demo = demo;
	}

	/**
	 * @return every row of every business table of both databases, and the number of
	 * outbox and inbox rows
	 */
	Map<String, List<String>> snapshot() throws SQLException {
		Map<String, List<String>> snapshot = new LinkedHashMap<>();
		for (String database : List.of(ORDERS, INVENTORY)) {
			for (String table : TABLES.get(database)) {
				String sql = STATE.get(table);
				snapshot.put(database + "." + table,
						rows(database, (sql != null) ? sql : "SELECT count(*) FROM " + table));
			}
		}
		return snapshot;
	}

	/**
	 * @return the number of rows of every table of both databases
	 */
	Map<String, Integer> rowCounts() throws SQLException {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String database : List.of(ORDERS, INVENTORY)) {
			for (String table : TABLES.get(database)) {
				counts.put(database + "." + table,
						Integer.parseInt(rows(database, "SELECT count(*) FROM " + table).get(0)));
			}
		}
		return counts;
	}

	List<String> outboxIds(String database) throws SQLException {
		return rows(database, OUTBOX_IDS);
	}

	List<String> inboxIds(String database) throws SQLException {
		return rows(database, INBOX_IDS);
	}

	/**
	 * @param database the database
	 * @param sql a query; each row comes back as its columns joined with {@code |}
	 * @param parameters the query's parameters
	 * @return the rows
	 */
	List<String> rows(String database, String sql, Object... parameters) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.demo.jdbcUrl(database), database, database);
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				List<String> rows = new ArrayList<>();
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					StringBuilder row = new StringBuilder();
					for (int column = 1; column <= columns; column++) {
						row.append((column > 1) ? "|" : "").append(result.getString(column));
					}
					rows.add(row.toString());
				}
				return rows;
			}
		}
	}

}
