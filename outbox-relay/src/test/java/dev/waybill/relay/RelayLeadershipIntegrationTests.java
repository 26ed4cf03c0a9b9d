package dev.waybill.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two relay instances with the same configuration for one source: one leads and
 * publishes, the other stands by, healthy, naming the leader; when the leader stops, the
 * standby takes over, and a {@code read_committed} consumer sees every event once.
 */
@ExtendWith(EmbeddedStackExtension.class)
class RelayLeadershipIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(60);

	// short, so that a takeover after a stop is quick; a graceful stop frees it at once
	// anyway
	private static final String[] LEASE = { "waybill.relay.lease.timeout=2s",
			"waybill.relay.lease.retry-interval=200ms" };

	@ParameterizedTest
	@EnumSource(OutboxCapture.class)
	void aStandbyTakesOverWhenTheLeaderStopsAndEveryEventIsPublishedOnce(OutboxCapture capture, EmbeddedStack stack)
			throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "leaders");
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, capture);
		List<Row> written = new ArrayList<>();
		try (TopicReader reader = new TopicReader(stack.bootstrapServers(),
				relay.topicPrefix().replace(".", "\\.") + "lead");
				ConfigurableApplicationContext first = startLeading(relay);
				ConfigurableApplicationContext second = startStandingBy(relay)) {
			written.addAll(write(outbox, "before", 100));
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(100));
			assertThat(sourceDetails(second, relay)).containsEntry("role", "standby").containsEntry("takeovers", 0);

			first.close();
			await().atMost(ARRIVAL)
				.untilAsserted(() -> assertThat(sourceDetails(second, relay)).containsEntry("role", "leader")
					.containsEntry("streaming", true)
					.containsEntry("takeovers", 1));
			written.addAll(write(outbox, "after", 100));

			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSizeGreaterThanOrEqualTo(200));
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				List<String> ids = reader.poll()
					.stream()
					.map((record) -> TopicReader.header(record, WireContract.HEADER_ID))
					.toList();
				assertThat(ids).doesNotHaveDuplicates()
					.containsExactlyInAnyOrderElementsOf(written.stream().map((row) -> row.id().toString()).toList());
			});
		}
	}

	@Test
	void aNewLeaderEndsTheWalsenderThatStillReadsTheSlotAndStreams(EmbeddedStack stack) throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "evict");
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.LOG);
		// the slot and publication as an earlier relay left them
		relay.start(LEASE).close();
		// what a paused or cut-off leader leaves: its walsender, still reading the slot
		Connection earlier = replicationConnection(stack, outbox);
		try (TopicReader reader = new TopicReader(stack.bootstrapServers(),
				relay.topicPrefix().replace(".", "\\.") + "lead")) {
			PGReplicationStream stream = earlier.unwrap(PGConnection.class)
				.getReplicationAPI()
				.replicationStream()
				.logical()
				.withSlotName(relay.name())
				.withSlotOption("proto_version", 1)
				.withSlotOption("publication_names", relay.name())
				.start();
			try (ConfigurableApplicationContext running = relay.start(LEASE)) {
				write(outbox, "evicted", 10);
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(10));
				// the earlier walsender was ended: its stream fails instead of waiting
				assertThatExceptionOfType(SQLException.class).isThrownBy(stream::readPending);
			}
		}
		finally {
			closeBroken(earlier);
		}
	}

	// the server ended it: closing it cannot say goodbye
	private static void closeBroken(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// expected
		}
	}

	private static Connection replicationConnection(EmbeddedStack stack, OutboxDatabase outbox) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", ServiceDatabase.RELAY_USER);
		properties.setProperty("password", ServiceDatabase.RELAY_PASSWORD);
		properties.setProperty("replication", "database");
		properties.setProperty("assumeMinServerVersion", "10");
		properties.setProperty("preferQueryMode", "simple");
		return DriverManager.getConnection(stack.jdbcUrl(outbox.database()), properties);
	}

	private static ConfigurableApplicationContext startLeading(RelayRunner relay) {
		ConfigurableApplicationContext first = relay.start(LEASE);
		assertThat(sourceDetails(first, relay)).containsEntry("role", "leader").containsEntry("takeovers", 1);
		return first;
	}

	// started with the same settings, it stands by, healthy, and names the leader's
	// session
	private static ConfigurableApplicationContext startStandingBy(RelayRunner relay) {
		ConfigurableApplicationContext second = relay.start(LEASE);
		assertThat(health(second).getStatus()).isEqualTo(Status.UP);
		assertThat(sourceDetails(second, relay)).containsEntry("role", "standby")
			.containsEntry("streaming", false)
			.hasEntrySatisfying("leader", (leader) -> assertThat(leader).asString().contains("waybill-relay-leader-"));
		return second;
	}

	private static List<Row> write(OutboxDatabase outbox, String phase, int count) {
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(Row.of("lead", phase + "-" + (i % 10), i / 10 + 1));
		}
		outbox.commit(rows);
		return rows;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> sourceDetails(ConfigurableApplicationContext running, RelayRunner relay) {
		return (Map<String, Object>) health(running).getDetails().get(relay.name());
	}

	private static IndicatedHealthDescriptor health(ConfigurableApplicationContext running) {
		return (IndicatedHealthDescriptor) running.getBean(HealthEndpoint.class).healthForPath("relay");
	}

}
