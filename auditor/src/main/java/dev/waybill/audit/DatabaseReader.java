package dev.waybill.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.waybill.audit.SystemState.InboxRow;
import dev.waybill.audit.SystemState.InventorySide;
import dev.waybill.audit.SystemState.Order;
import dev.waybill.audit.SystemState.OrderSide;
import dev.waybill.audit.SystemState.OutboxRow;
import dev.waybill.audit.SystemState.Product;
import dev.waybill.audit.SystemState.Reservation;

/**
 * Reads each service database in one read-only repeatable-read transaction, so that the
 * checks compare rows of one consistent snapshot per database.
 */
final class DatabaseReader {

	private static final String SELECT_ORDERS = """
			SELECT id, status, version, created_at FROM customer_order ORDER BY created_at, id
			""";

	private static final String SELECT_REPLICA = """
			SELECT sku, name, available, reserved, version FROM product_replica ORDER BY sku
			""";

	private static final String SELECT_PRODUCTS = """
			SELECT sku, name, available, reserved, version FROM product ORDER BY sku
			""";

	private static final String SELECT_RESERVATIONS = """
			SELECT r.order_id, r.status, r.version, l.sku, l.quantity
			FROM reservation r LEFT JOIN reservation_line l ON l.order_id = r.order_id
			ORDER BY r.order_id, l.sku
			""";

	private static final String SELECT_OUTBOX = """
			SELECT id, aggregatetype, aggregateid, type, aggregate_version, payload::text AS payload
			FROM outbox_event ORDER BY occurred_at, id
			""";

	private static final String SELECT_INBOX = """
			SELECT event_id, event_type FROM processed_event ORDER BY processed_at, event_id
			""";

	private static final int LOGIN_TIMEOUT_SECONDS = 10;

	private DatabaseReader() {
	}

	static OrderSide readOrders(Database database) {
		return read(database, "order-service",
				(connection) -> new OrderSide(
						query(connection, SELECT_ORDERS,
								(row) -> new Order(row.getObject("id", UUID.class), row.getString("status"),
										row.getLong("version"), row.getTimestamp("created_at").toInstant())),
						query(connection, SELECT_REPLICA, DatabaseReader::product), outbox(connection),
						inbox(connection)));
	}

	static InventorySide readInventory(Database database) {
		return read(database, "inventory-service",
				(connection) -> new InventorySide(query(connection, SELECT_PRODUCTS, DatabaseReader::product),
						reservations(connection), outbox(connection), inbox(connection)));
	}

	private static <T> T read(Database database, String service, SqlFunction<Connection, T> reading) {
		Properties properties = new Properties();
		properties.setProperty("user", database.username());
		properties.setProperty("password", database.password());
		properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
		properties.setProperty("ApplicationName", "waybill-auditor");
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties)) {
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			T state = reading.apply(connection);
			connection.commit();
			return state;
		}
		catch (SQLException ex) {
			throw new AuditException("Could not read " + service + "'s database at " + database.jdbcUrl() + " as "
					+ database.username() + ": " + ex.getMessage(), ex);
		}
	}

	private static List<OutboxRow> outbox(Connection connection) throws SQLException {
		return query(connection, SELECT_OUTBOX,
				(row) -> new OutboxRow(row.getObject("id", UUID.class), row.getString("aggregatetype"),
						row.getString("aggregateid"), row.getString("type"), row.getLong("aggregate_version"),
						row.getString("payload")));
	}

	private static List<InboxRow> inbox(Connection connection) throws SQLException {
		return query(connection, SELECT_INBOX,
				(row) -> new InboxRow(row.getObject("event_id", UUID.class), row.getString("event_type")));
	}

	private static List<Reservation> reservations(Connection connection) throws SQLException {
		Map<UUID, Reservation> reservations = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(SELECT_RESERVATIONS);
				ResultSet row = statement.executeQuery()) {
			while (row.next()) {
				UUID orderId = row.getObject("order_id", UUID.class);
				Reservation reservation = reservations.get(orderId);
				if (reservation == null) {
					reservation = new Reservation(orderId, row.getString("status"), row.getLong("version"),
							new LinkedHashMap<>());
					reservations.put(orderId, reservation);
				}
				String sku = row.getString("sku");
				if (sku != null) {
					reservation.lines().put(sku, row.getInt("quantity"));
				}
			}
		}
		return List.copyOf(reservations.values());
	}

	private static Product product(ResultSet row) throws SQLException {
		return new Product(row.getString("sku"), row.getString("name"), row.getInt("available"), row.getInt("reserved"),
				row.getLong("version"));
	}

	private static <T> List<T> query(Connection connection, String sql, SqlFunction<ResultSet, T> mapper)
			throws SQLException {
		List<T> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet resultSet = statement.executeQuery()) {
			while (resultSet.next()) {
				rows.add(mapper.apply(resultSet));
			}
		}
		return rows;
	}

	@FunctionalInterface
	interface SqlFunction<T, R> {

		R apply(T input) throws SQLException;

	}

}
