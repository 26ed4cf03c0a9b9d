package dev.waybill.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay in this JVM against the embedded PostgreSQL and Kafka: what each capture
 * strategy must pass.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(Lifecycle.PER_CLASS)
abstract class RelayAcceptance {

	static final Duration ARRIVAL = Duration.ofSeconds(60);

	private EmbeddedStack stack;

	private OutboxDatabase outbox;

	private RelayRunner relay;

	private ConfigurableApplicationContext running;

	/**
	 * @return the capture strategy under test
	 */
	abstract OutboxCapture capture();

	/**
	 * Asserts the lag a streaming source reports in health.
	 * @param details the source's health details
	 */
	abstract void assertLagReported(Map<?, ?> details);

	/**
	 * @return settings the relay under test starts with, beside the runner's
	 */
	String[] settings() {
		return new String[0];
	}

	@BeforeAll
	void startRelay(EmbeddedStack embeddedStack) {
		this.stack = embeddedStack;
		this.outbox = OutboxDatabase.create(this.stack, "relay");
		this.outbox.execute("CREATE TABLE aggregate (id varchar(255) PRIMARY KEY, version bigint NOT NULL)");
		this.relay = RelayRunner.of(this.stack, this.outbox, Delivery.EXACTLY_ONCE, capture());
		this.running = this.relay.start(settings());
	}

	@AfterAll
	void stopRelay() {
		if (this.running != null) {
			this.running.close();
		}
	}

	@Test
	void publishesEventsOfOneTransactionWithTopicKeyHeadersAndPayload() {
		Row placed = new Row(UUID.randomUUID(), "order", "o-1", "OrderPlaced", "{\"total\": 12.50, \"lines\": [1, 2]}",
				1, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		Row reserved = new Row(UUID.randomUUID(), "reservation", "o-1", "StockReserved", "{\"sku\": \"A\"}", 3, null);
		try (TopicReader reader = reader("(order|reservation)")) {
			this.outbox.commit(List.of(placed, reserved));
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(2));
			ConsumerRecord<String, String> order = only(reader.poll(), this.relay.topicPrefix() + "order");
			assertThat(order.key()).isEqualTo("o-1");
			assertThat(order.value()).isEqualTo(this.outbox.storedPayload(placed.id()))
				.isEqualTo("{\"lines\": [1, 2], \"total\": 12.50}");
			assertThat(TopicReader.header(order, WireContract.HEADER_ID)).isEqualTo(placed.id().toString());
			assertThat(TopicReader.header(order, WireContract.HEADER_EVENT_TYPE)).isEqualTo("OrderPlaced");
			assertThat(TopicReader.header(order, WireContract.HEADER_AGGREGATE_VERSION)).isEqualTo("1");
			assertThat(TopicReader.header(order, WireContract.HEADER_TRACEPARENT)).isEqualTo(placed.traceparent());
			ConsumerRecord<String, String> reservation = only(reader.poll(), this.relay.topicPrefix() + "reservation");
			assertThat(reservation.value()).isEqualTo("{\"sku\": \"A\"}");
			assertThat(TopicReader.header(reservation, WireContract.HEADER_AGGREGATE_VERSION)).isEqualTo("3");
			assertThat(reservation.headers().lastHeader(WireContract.HEADER_TRACEPARENT)).isNull();
		}
	}

	@Test
	void publishesNothingOfARolledBackTransaction() {
		try (TopicReader reader = reader("rollback")) {
			this.outbox.rollBack(List.of(Row.of("rollback", "lost", 1), Row.of("rollback", "lost", 2)));
			this.outbox.commit(List.of(Row.of("rollback", "kept", 1)));
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).isNotEmpty());
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(reader.poll()).extracting(ConsumerRecord::key).containsExactly("kept"));
		}
	}

	@Test
	void keepsAggregateVersionsIncreasingPerKeyUnderConcurrentWriters() throws Exception {
		List<String> aggregates = IntStream.range(0, 100).mapToObj((i) -> "agg-" + i).toList();
		this.outbox.execute(aggregates.stream()
			.map((id) -> "INSERT INTO aggregate (id, version) VALUES ('" + id + "', 0)")
			.toArray(String[]::new));
		try (TopicReader reader = reader("ordered")) {
			writeConcurrently(aggregates, 8, 250, 5);
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(reader.poll()).hasSize(10_000));
			Map<String, Long> lastVersion = new HashMap<>();
			Set<String> ids = new HashSet<>();
			for (ConsumerRecord<String, String> record : reader.poll()) {
				long version = Long.parseLong(TopicReader.header(record, WireContract.HEADER_AGGREGATE_VERSION));
				Long previous = lastVersion.put(record.key(), version);
				assertThat(version).as("version of %s", record.key()).isGreaterThan((previous != null) ? previous : 0);
				ids.add(TopicReader.header(record, WireContract.HEADER_ID));
			}
			assertThat(ids).hasSize(10_000);
			assertThat(lastVersion.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);
		}
	}

	@Test
	void deliversEveryEventCommittedWhileStoppedExactlyOnceAfterRestart() {
		try (TopicReader reader = reader("restart")) {
			this.outbox.commit(List.of(Row.of("restart", "before", 1)));
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
			this.running.close();
			for (int batch = 0; batch < 20; batch++) {
				int first = batch * 50;
				this.outbox.commit(IntStream.range(first, first + 50)
					.mapToObj((i) -> Row.of("restart", "while-down-" + (i % 10), i))
					.toList());
			}
			this.running = this.relay.start(settings());
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSizeGreaterThanOrEqualTo(1001));
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				List<ConsumerRecord<String, String>> records = reader.poll();
				assertThat(records).hasSize(1001);
				assertThat(records.stream().map((record) -> TopicReader.header(record, WireContract.HEADER_ID)))
					.doesNotHaveDuplicates();
			});
		}
	}

	@Test
	void sendsAPoisonRowToTheDeadLetterTopicAndGoesOn() {
		try (TopicReader events = reader("poison");
				TopicReader deadLetters = new TopicReader(this.stack.bootstrapServers(),
						this.relay.deadLetterTopic().replace(".", "\\."))) {
			Row blankType = new Row(UUID.randomUUID(), " ", "p-1", "Broken", "{}", 1, null);
			Row illegalTopic = new Row(UUID.randomUUID(), "bad/type", "p-1", "Broken", "{}", 2, null);
			this.outbox.commit(List.of(Row.of("poison", "p-0", 1), blankType));
			this.outbox.commit(List.of(illegalTopic));
			this.outbox.commit(List.of(Row.of("poison", "p-2", 1)));
			await().atMost(ARRIVAL)
				.untilAsserted(
						() -> assertThat(events.poll()).extracting(ConsumerRecord::key).containsExactly("p-0", "p-2"));
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(deadLetters.poll()).hasSize(2));
			ConsumerRecord<String, String> first = deadLetters.poll().get(0);
			assertThat(TopicReader.header(first, "reason")).contains("aggregatetype is null or blank");
			assertThat(TopicReader.header(first, WireContract.HEADER_ID)).isEqualTo(blankType.id().toString());
			assertThat(first.value()).contains("\"aggregateid\":\"p-1\"").contains("\"type\":\"Broken\"");
			assertThat(TopicReader.header(deadLetters.poll().get(1), "reason")).contains("illegal topic name");
			assertThat(this.running.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
			assertThat(this.running.getBean(io.micrometer.core.instrument.MeterRegistry.class)
				.counter("waybill.relay.dead.letters", "source", this.relay.name())
				.count()).isEqualTo(2);
		}
	}

	@Test
	void reportsTheSourceStreamingWithItsSlotLagInHealth() {
		HealthDescriptor health = this.running.getBean(HealthEndpoint.class).healthForPath("relay");
		assertThat(health).isInstanceOf(IndicatedHealthDescriptor.class);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(((IndicatedHealthDescriptor) health).getDetails().get(this.relay.name()))
			.isInstanceOfSatisfying(Map.class, (details) -> {
				assertThat(details).containsEntry("streaming", true);
				assertLagReported(details);
			});
	}

	final TopicReader reader(String aggregateTypes) {
		return new TopicReader(this.stack.bootstrapServers(),
				this.relay.topicPrefix().replace(".", "\\.") + aggregateTypes);
	}

	final OutboxDatabase outbox() {
		return this.outbox;
	}

	final RelayRunner relay() {
		return this.relay;
	}

	private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String topic) {
		List<ConsumerRecord<String, String>> matching = records.stream()
			.filter((record) -> record.topic().equals(topic))
			.toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	// each transaction bumps the versions of a few aggregates under row locks, as a
	// service would, so that version order is commit order
	private void writeConcurrently(List<String> aggregates, int writers, int transactionsPerWriter,
			int eventsPerTransaction) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				done.add(pool.submit(() -> {
					try (Connection connection = this.outbox.connect()) {
						connection.setAutoCommit(false);
						for (int t = 0; t < transactionsPerWriter; t++) {
							writeOne(connection, aggregates, eventsPerTransaction);
						}
					}
					return null;
				}));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void writeOne(Connection connection, List<String> aggregates, int events) throws SQLException {
		List<String> chosen = ThreadLocalRandom.current()
			.ints(0, aggregates.size())
			.distinct()
			.limit(events)
			.sorted()
			.mapToObj(aggregates::get)
			.toList();
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement bump = connection
			.prepareStatement("UPDATE aggregate SET version = version + 1 WHERE id = ? RETURNING version")) {
			for (String id : chosen) {
				bump.setString(1, id);
				try (ResultSet result = bump.executeQuery()) {
					result.next();
					rows.add(Row.of("ordered", id, result.getLong(1)));
				}
			}
		}
		OutboxDatabase.insert(connection, rows);
		connection.commit();
	}

}
