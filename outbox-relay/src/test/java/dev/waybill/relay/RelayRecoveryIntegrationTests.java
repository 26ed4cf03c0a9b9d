package dev.waybill.relay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.StackSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay recovers by itself when its broker or its source database restarts under a
 * stream of writes: every committed event arrives exactly once for a
 * {@code read_committed} consumer, in version order per aggregate, and the relay process
 * is never restarted. A private stack, so that stopping its broker or database disturbs
 * no other test.
 */
class RelayRecoveryIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(90);

	// short timeouts and backoff keep the outage and the test to seconds
	private static final String[] FAST_RECOVERY = { "waybill.relay.restart.initial-backoff=200ms",
			"waybill.relay.restart.max-backoff=2s", "waybill.relay.producer.delivery-timeout=5s",
			"waybill.relay.producer.request-timeout=2s", "waybill.relay.producer.max-block=4s" };

	private static EmbeddedStack stack;

	@BeforeAll
	static void startStack() {
		stack = new EmbeddedStack(StackSettings.ephemeral()).start();
	}

	@AfterAll
	static void discardStack() {
		if (stack != null) {
			stack.discard();
		}
	}

	// -Dwaybill.recovery.broker-restarts=40 repeats the scenario, each time on a new
	// database and relay, and -Dwaybill.recovery.captures=LOG,POLLING runs it for both
	// captures (RELIABILITY.md). The suite runs log capture: what a broker outage does to
	// a
	// poller (its batch fails, the run reports it once, the source restarts with backoff)
	// is the restart that both captures share, which PollingRunTests and
	// SourceCaptureTests
	// cover, and the polling crash test kills a poller mid-batch
	@ParameterizedTest
	@MethodSource("capturesUnderBrokerRestarts")
	void restartsTheSourceAfterABrokerRestartAndDeliversEveryEventExactlyOnce(OutboxCapture capture) throws Exception {
		int restarts = Integer.getInteger("waybill.recovery.broker-restarts", 1);
		for (int restart = 1; restart <= restarts; restart++) {
			OutboxDatabase outbox = OutboxDatabase.create(stack, "broker");
			try {
				restartTheBrokerUnderWrites(RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, capture), outbox);
			}
			finally {
				// repeated runs would otherwise exhaust max_replication_slots
				outbox.dropIdleReplicationSlots();
			}
		}
	}

	static Stream<OutboxCapture> capturesUnderBrokerRestarts() {
		return Arrays.stream(System.getProperty("waybill.recovery.captures", "LOG").split(","))
			.map(String::strip)
			.map(OutboxCapture::valueOf);
	}

	private static void restartTheBrokerUnderWrites(RelayRunner relay, OutboxDatabase outbox) throws Exception {
		try (ConfigurableApplicationContext running = relay.start(FAST_RECOVERY);
				TopicReader reader = reader(relay);
				RestartTolerantWriter writer = new RestartTolerantWriter(outbox, ARRIVAL)) {
			writer.awaitCommitted(200);
			// stopped once no batch is in flight: a broker that stops during a commit may
			// skip its markers, which no client can repair (RELIABILITY.md); the rows
			// written meanwhile make the relay fail and wait for the broker
			int beforeTheOutage = writer.pause();
			await().atMost(ARRIVAL).until(() -> reader.poll().size() >= beforeTheOutage);
			stack.kafka().stop();
			writer.resume();
			try {
				awaitRestarting(running, relay);
			}
			finally {
				stack.kafka().start();
			}
			awaitStreaming(running, relay);
			writer.awaitCommitted(writer.committed() + 200);
			writer.close();
			assertEveryRowArrivedOnceInOrder(outbox, reader);
		}
	}

	@Test
	void recoversFromAQuickSourceDatabaseRestartAndDeliversEveryEventExactlyOnce() throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "database");
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE);
		try (ConfigurableApplicationContext running = relay.start(FAST_RECOVERY);
				TopicReader reader = reader(relay);
				RestartTolerantWriter writer = new RestartTolerantWriter(outbox, ARRIVAL)) {
			writer.awaitCommitted(200);
			stack.postgres().restart();
			writer.awaitCommitted(writer.committed() + 200);
			awaitStreaming(running, relay);
			writer.awaitCommitted(writer.committed() + 200);
			writer.close();
			assertEveryRowArrivedOnceInOrder(outbox, reader);
		}
	}

	@ParameterizedTest
	@EnumSource(OutboxCapture.class)
	void restartsTheSourceAfterItsDatabaseWasDownAndDeliversEveryEventExactlyOnce(OutboxCapture capture)
			throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "downtime");
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, capture);
		try (ConfigurableApplicationContext running = relay.start(FAST_RECOVERY);
				TopicReader reader = reader(relay);
				RestartTolerantWriter writer = new RestartTolerantWriter(outbox, ARRIVAL)) {
			writer.awaitCommitted(200);
			stack.postgres().stop();
			try {
				awaitRestarting(running, relay);
			}
			finally {
				stack.postgres().start();
			}
			awaitStreaming(running, relay);
			writer.awaitCommitted(writer.committed() + 200);
			writer.close();
			assertEveryRowArrivedOnceInOrder(outbox, reader);
		}
	}

	private static void awaitRestarting(ConfigurableApplicationContext running, RelayRunner relay) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			IndicatedHealthDescriptor health = sourceHealth(running);
			assertThat(health).as("the relay's health").isNotNull();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get(relay.name()))
				.isInstanceOfSatisfying(Map.class, (details) -> assertThat(details).containsEntry("state", "restarting")
					.containsEntry("streaming", false)
					.containsKey("lastError")
					.hasEntrySatisfying("restartAttempts", (attempts) -> assertThat((Integer) attempts).isPositive()));
		});
	}

	private static void awaitStreaming(ConfigurableApplicationContext running, RelayRunner relay) {
		await().atMost(ARRIVAL).untilAsserted(() -> {
			IndicatedHealthDescriptor health = sourceHealth(running);
			assertThat(health).as("the relay's health").isNotNull();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get(relay.name())).isInstanceOfSatisfying(Map.class,
					(details) -> assertThat(details).containsEntry("state", "streaming"));
		});
	}

	private static void assertEveryRowArrivedOnceInOrder(OutboxDatabase outbox, TopicReader reader) {
		Set<String> committed = committedIds(outbox);
		await().atMost(ARRIVAL)
			.untilAsserted(() -> assertThat(reader.poll()).hasSizeGreaterThanOrEqualTo(committed.size()));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<ConsumerRecord<String, String>> records = reader.poll();
			List<String> ids = records.stream()
				.map((record) -> TopicReader.header(record, WireContract.HEADER_ID))
				.toList();
			assertThat(ids).doesNotHaveDuplicates();
			assertThat(new HashSet<>(ids)).isEqualTo(committed);
		});
		Map<String, Long> lastVersion = new HashMap<>();
		for (ConsumerRecord<String, String> record : reader.poll()) {
			long version = Long.parseLong(TopicReader.header(record, WireContract.HEADER_AGGREGATE_VERSION));
			Long previous = lastVersion.put(record.key(), version);
			assertThat(version).as("version of %s", record.key()).isGreaterThan((previous != null) ? previous : -1);
		}
	}

	private static IndicatedHealthDescriptor sourceHealth(ConfigurableApplicationContext running) {
		return (IndicatedHealthDescriptor) running.getBean(HealthEndpoint.class).healthForPath("relay");
	}

	private static TopicReader reader(RelayRunner relay) {
		return new TopicReader(stack.bootstrapServers(), relay.topicPrefix().replace(".", "\\.") + "recovery");
	}

	// what the database holds is the truth: a commit cut off by a restart
	// may or may not have happened
	private static Set<String> committedIds(OutboxDatabase outbox) {
		Set<String> ids = new HashSet<>();
		try (Connection connection = outbox.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id FROM outbox_event")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return ids;
	}

}
