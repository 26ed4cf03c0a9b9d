package dev.waybill.system;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The demo's roles as the demo grants them, checked on its real schemas: the relay's role
 * can neither read nor write a business table of either service, nor insert, delete or
 * change an event, only mark one published; each service's role cannot reach the other's
 * database; and the relay still carries the saga through both outboxes. That it polls and
 * marks rows published with these privileges, and takes polled data over on log capture,
 * is what {@link SwitchingCaptureDemoIntegrationTests} shows on the same demo. The
 * statements that must be refused change no row if they were not. The demo is the
 * {@link SharedDemo}.
 */
@ExtendWith(SharedDemo.Extension.class)
class LeastPrivilegeDemoIntegrationTests {

	private static final String RELAY = "relay";

	/** Every table of each database but the outbox and the capture record. */
	private static final Map<String, List<String>> BUSINESS_TABLES = Map.of(SagaDatabases.ORDERS,
			List.of("customer_order", "order_line", "product_replica", "processed_event", "flyway_schema_history"),
			SagaDatabases.INVENTORY,
			List.of("product", "reservation", "reservation_line", "processed_event", "flyway_schema_history"));

	private static final String SKU = "LEAST-PRIVILEGE";

	private static RunningDemo demo;

	@BeforeAll
	static void startTheDemo(SharedDemo shared) throws IOException, InterruptedException {
		demo = shared.demo();
		new SagaApi(demo).createProduct(SKU, 10);
	}

	@Test
	void theRelayRoleMayNeitherReadNorWriteABusinessTableOfEitherService() throws SQLException {
		for (Map.Entry<String, List<String>> database : BUSINESS_TABLES.entrySet()) {
			for (String table : database.getValue()) {
				assertDenied(database.getKey(), "SELECT count(*) FROM " + table, table);
				assertDenied(database.getKey(), "DELETE FROM " + table + " WHERE false", table);
			}
		}
	}

	@Test
	void theRelayRoleMayNotInsertDeleteOrChangeAnEvent() throws SQLException {
		for (String database : BUSINESS_TABLES.keySet()) {
			assertDenied(database, "INSERT INTO outbox_event (id) SELECT id FROM outbox_event WHERE false",
					"outbox_event");
			assertDenied(database, "DELETE FROM outbox_event WHERE false", "outbox_event");
			assertDenied(database, "UPDATE outbox_event SET payload = payload WHERE false", "outbox_event");
			assertDenied(database, "UPDATE outbox_event SET aggregateid = aggregateid WHERE false", "outbox_event");
		}
	}

	@Test
	void theRelayRoleMayReadEventsAndMarkThemPublishedAsAMemberOfNeitherService() throws SQLException {
		for (String database : BUSINESS_TABLES.keySet()) {
			assertThat(asRelay(database, "SELECT count(*) >= 0 FROM outbox_event")).isEqualTo("t");
			// as a poller locks its batch: FOR UPDATE needs the UPDATE of one column
			assertThat(asRelay(database, "SELECT count(*) >= 0 FROM (SELECT sequence_number FROM outbox_event"
					+ " WHERE published_at IS NULL FOR UPDATE) AS locked"))
				.isEqualTo("t");
			assertThat(asRelay(database, "WITH marked AS (UPDATE outbox_event SET published_at = published_at"
					+ " WHERE false RETURNING 1) SELECT count(*) FROM marked"))
				.isEqualTo("0");
			assertThat(asRelay(database, "SELECT pg_has_role('" + database + "', 'MEMBER')")).isEqualTo("f");
		}
	}

	@Test
	void eachServiceRoleIsRefusedTheOtherServicesDatabase() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(demo.jdbcUrl(SagaDatabases.INVENTORY), SagaDatabases.ORDERS,
					SagaDatabases.ORDERS))
			.withMessageContaining("permission denied for database \"inventory\"");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(demo.jdbcUrl(SagaDatabases.ORDERS), SagaDatabases.INVENTORY,
					SagaDatabases.INVENTORY))
			.withMessageContaining("permission denied for database \"orders\"");
	}

	@Test
	void theRelayWithTheseRolesCarriesAnOrderThroughBothOutboxes() throws IOException, InterruptedException {
		String id = demo.placeOrder("""
				{"customerId":"c-least","lines":[{"sku":"%s","quantity":1}]}""".formatted(SKU)).path("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(demo.getOrder(id).path("status").asString()).isEqualTo("CONFIRMED"));
	}

	private static void assertDenied(String database, String sql, String table) {
		assertThatExceptionOfType(SQLException.class).as("%s in %s", sql, database)
			.isThrownBy(() -> asRelay(database, sql))
			.withMessageContaining("permission denied for table " + table);
	}

	private static String asRelay(String database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(demo.jdbcUrl(database), RELAY, RELAY);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
