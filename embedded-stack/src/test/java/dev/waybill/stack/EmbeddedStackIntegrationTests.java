package dev.waybill.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedStackIntegrationTests {

	@Test
	void postgresRunsWithLogicalDecoding(EmbeddedStack stack) throws SQLException {
		assertThat(query(stack, ServiceDatabase.ORDERS, "SHOW wal_level")).isEqualTo("logical");
		assertThat(query(stack, ServiceDatabase.ORDERS, "SHOW synchronous_commit")).isEqualTo("on");
		assertThat(Integer.parseInt(query(stack, ServiceDatabase.ORDERS, "SHOW max_replication_slots")))
			.isGreaterThanOrEqualTo(4);
	}

	@Test
	void serviceRolesOwnTheirDatabases(EmbeddedStack stack) throws SQLException {
		assertThat(query(stack, ServiceDatabase.ORDERS, "SELECT current_user")).isEqualTo("orders");
		assertThat(query(stack, ServiceDatabase.INVENTORY,
				"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
			.isEqualTo("inventory");
	}

	@Test
	void relayRoleMayReadTheWriteAheadLog(EmbeddedStack stack) throws SQLException {
		try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(ServiceDatabase.ORDERS),
				ServiceDatabase.RELAY_USER, ServiceDatabase.RELAY_PASSWORD);
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT rolreplication FROM pg_roles WHERE rolname = current_user")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getBoolean(1)).isTrue();
		}
	}

	@Test
	void eachServiceRoleIsRefusedTheOtherServicesDatabase(EmbeddedStack stack) {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl(ServiceDatabase.INVENTORY),
					ServiceDatabase.ORDERS.user(), ServiceDatabase.ORDERS.password()))
			.withMessageContaining("permission denied for database \"inventory\"");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl(ServiceDatabase.ORDERS),
					ServiceDatabase.INVENTORY.user(), ServiceDatabase.INVENTORY.password()))
			.withMessageContaining("permission denied for database \"orders\"");
	}

	@Test
	void relayRoleConnectsToBothServiceDatabasesAsAMemberOfNeitherOwner(EmbeddedStack stack) throws SQLException {
		for (ServiceDatabase database : List.of(ServiceDatabase.ORDERS, ServiceDatabase.INVENTORY)) {
			try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(database),
					ServiceDatabase.RELAY_USER, ServiceDatabase.RELAY_PASSWORD);
					Statement statement = connection.createStatement();
					ResultSet result = statement
						.executeQuery("SELECT pg_has_role('" + database.user() + "', 'MEMBER')")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getBoolean(1)).as("the relay a member of %s", database.user()).isFalse();
			}
		}
	}

	@Test
	void brokerAcceptsAndServesRecords(EmbeddedStack stack) {
		send(stack.bootstrapServers(), "stack-smoke", "hello");
		assertThat(readAll(stack.bootstrapServers(), "stack-smoke")).containsExactly("hello");
	}

	@Test
	void aBrokerRestartedOnItsLogDirectoryStillHasItsRecords() {
		StackSettings settings = StackSettings.ephemeral();
		try (KafkaBroker broker = new KafkaBroker(settings.kafkaPort(), settings.controllerPort(),
				settings.kafkaDirectory())) {
			broker.start();
			send(broker.bootstrapServers(), "kept", "before-restart");
			broker.restart();
			send(broker.bootstrapServers(), "kept", "after-restart");
			assertThat(readAll(broker.bootstrapServers(), "kept")).containsExactly("before-restart", "after-restart");
		}
	}

	@Test
	void aPostgresRestartedOnItsDataDirectoryStillHasItsRows() throws SQLException {
		StackSettings settings = StackSettings.ephemeral();
		try (PostgresServer postgres = new PostgresServer(settings.postgresPort(), settings.postgresDirectory())) {
			postgres.start();
			postgres.execute("postgres", "CREATE TABLE kept (value text)", "INSERT INTO kept VALUES ('row')");
			postgres.restart();
			try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"),
					PostgresServer.SUPERUSER, "");
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT value FROM kept")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString(1)).isEqualTo("row");
			}
		}
	}

	@Test
	void startingAStackTwiceOnOneDirectoryKeepsItsDatabases() {
		StackSettings settings = StackSettings.ephemeral();
		try (EmbeddedStack first = new EmbeddedStack(settings).start()) {
			first.postgres().execute("orders", "CREATE TABLE marker (id int)");
		}
		try (EmbeddedStack second = new EmbeddedStack(settings).start()) {
			second.postgres().execute("orders", "INSERT INTO marker VALUES (1)");
		}
	}

	private static String query(EmbeddedStack stack, ServiceDatabase database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(database), database.user(),
				database.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	static void send(String bootstrapServers, String topic, String value) {
		Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "acks", "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "key", value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<String> readAll(String bootstrapServers, String topic) {
		Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "group.id",
				"reader-" + System.nanoTime(), "auto.offset.reset", "earliest");
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				assertThat(values).isNotEmpty();
			});
			// one more poll so that a second record produced before
			// the first read is not missed
			consumer.poll(Duration.ofMillis(500)).forEach((record) -> values.add(record.value()));
		}
		return values;
	}

}
