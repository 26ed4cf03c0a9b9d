package dev.waybill.relay.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.waybill.outbox.OutboxCapture;
import dev.waybill.outbox.WireContract;
import dev.waybill.outbox.jdbc.JdbcOutbox;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.relay.TopicReader;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Where log capture takes over an outbox table: rows committed before the relay's slot
 * existed are published once, in order, before the slot's stream; a relay that replaces a
 * poller loses and repeats nothing; a poller is refused a table the log captured; a lost
 * slot stops the relay; and {@code LOG} is recorded, which lets the cleanup delete
 * unpublished rows, only once all that holds.
 */
@ExtendWith(EmbeddedStackExtension.class)
class LogBoundaryIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(90);

	private static final String UNPUBLISHED = "SELECT count(*) FROM outbox_event WHERE published_at IS NULL";

	private static final String RECORD = "SELECT capture || ' ' || coalesce(slot_name, '-') || ' '"
			+ " || coalesce(boundary_lsn::text, '-') FROM outbox_capture";

	private final EmbeddedStack stack;

	LogBoundaryIntegrationTests(EmbeddedStack stack) {
		this.stack = stack;
	}

	@Test
	void aRelayStartedAfterItsServicePublishesTheBacklogOnceInOrderAndThenStreams() {
		long seed = new Random().nextLong();
		System.out.println("[boundary] backlog seed=" + seed);
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "backlog");
		List<Row> backlog = interleaved(new Random(seed), 40, 25);
		for (int from = 0; from < backlog.size(); from += 50) {
			outbox.commit(backlog.subList(from, from + 50));
		}
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (TopicReader reader = reader(relay); ConfigurableApplicationContext running = relay.start()) {
			List<Row> after = List.of(Row.of("boundary", "agg-0", 26), Row.of("boundary", "late", 1));
			outbox.commit(after);
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1_002));
			assertPublishedOnceInOrder(reader.poll(), concat(backlog, after));
			JdbcTemplate jdbc = jdbc(outbox);
			assertThat(jdbc.queryForObject(RECORD, String.class))
				.matches("LOG " + relay.name() + " [0-9A-F]+/[0-9A-F]+");
			assertThat(jdbc.queryForObject(UNPUBLISHED, Long.class)).as("unpublished: the two streamed").isEqualTo(2);
			assertRetentionKeepsNothing(outbox);
		}
	}

	@Test
	void aLogRelayThatReplacesAPollerWhileRowsStreamInLosesAndRepeatsNothing() throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "polltolog");
		RelayRunner polling = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		RelayRunner log = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (TopicReader reader = reader(log); StreamingWriter writer = new StreamingWriter(outbox)) {
			try (ConfigurableApplicationContext poller = polling.start()) {
				writer.start();
				await().atMost(ARRIVAL).until(() -> reader.poll().size() > 100);
			}
			// rows go on committing while no relay runs, and while the log relay starts
			writer.awaitMore(50);
			try (ConfigurableApplicationContext logRelay = log.start()) {
				writer.awaitMore(100);
				List<Row> written = writer.stop();
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(written.size()));
				assertPublishedOnceInOrder(reader.poll(), written);
			}
		}
	}

	@Test
	void aPollerIsRefusedATableTheLogCapturedAndStartsOnceTheSwitchIsDone() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "logtopoll");
		RelayRunner log = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		RelayRunner polling = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		List<Row> first = List.of(Row.of("boundary", "a", 1), Row.of("boundary", "b", 1));
		try (TopicReader reader = reader(log)) {
			try (ConfigurableApplicationContext running = log.start()) {
				outbox.commit(first);
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(2));
			}
			assertThatThrownBy(polling::start).hasStackTraceContaining("is captured from the write-ahead log")
				.hasStackTraceContaining("To switch to polling");
			outbox.execute("UPDATE outbox_event SET published_at = now() WHERE published_at IS NULL",
					"DELETE FROM outbox_capture WHERE outbox_table = 'public.outbox_event'::regclass");
			asSuperuser(outbox, "SELECT pg_drop_replication_slot('" + log.name() + "')");
			try (ConfigurableApplicationContext poller = polling.start()) {
				List<Row> second = List.of(Row.of("boundary", "a", 2));
				outbox.commit(second);
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(3));
				assertPublishedOnceInOrder(reader.poll(), concat(first, second));
			}
		}
	}

	@Test
	void noBoundaryIsRecordedWhenTheSlotCannotBeCreated() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "noslot");
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		// a physical slot of the same name: the logical one cannot be created
		asSuperuser(outbox, "SELECT pg_create_physical_replication_slot('" + relay.name() + "')");
		try {
			assertThatThrownBy(relay::start).hasStackTraceContaining("already exists");
			assertThat(jdbc(outbox).queryForList(RECORD, String.class)).isEmpty();
		}
		finally {
			asSuperuser(outbox, "SELECT pg_drop_replication_slot('" + relay.name() + "')");
		}
	}

	@Test
	void aLostSlotStopsTheRelayUnlessItIsToldToPublishTheRetainedRowsAgain() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "lostslot");
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		List<Row> before = List.of(Row.of("boundary", "a", 1));
		List<Row> whileLost = List.of(Row.of("boundary", "a", 2), Row.of("boundary", "b", 1));
		try (TopicReader reader = reader(relay)) {
			try (ConfigurableApplicationContext running = relay.start()) {
				outbox.commit(before);
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
			}
			asSuperuser(outbox, "SELECT pg_drop_replication_slot('" + relay.name() + "')");
			outbox.commit(whileLost);
			assertThatThrownBy(relay::start).hasStackTraceContaining("which no longer exists")
				.hasStackTraceContaining("lost-slot=REPUBLISH");
			try (ConfigurableApplicationContext republishing = relay
				.start("waybill.relay.sources[0].lost-slot=REPUBLISH")) {
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(4));
				assertThat(ids(reader.poll())).containsAll(ids(concat(before, whileLost)));
				assertThat(jdbc(outbox).queryForObject(UNPUBLISHED, Long.class)).isZero();
			}
		}
	}

	@Test
	void aCaptureRecordedBeforeBoundariesTakesTheSlotsPositionAsItsBoundary() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "legacy");
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (TopicReader reader = reader(relay)) {
			relay.start().close();
			outbox.execute("UPDATE outbox_capture SET slot_name = NULL, boundary_lsn = NULL");
			outbox.commit(List.of(Row.of("boundary", "a", 1)));
			try (ConfigurableApplicationContext running = relay.start()) {
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
				assertThat(jdbc(outbox).queryForObject(RECORD, String.class))
					.matches("LOG " + relay.name() + " [0-9A-F]+/[0-9A-F]+");
			}
		}
	}

	@Test
	void theSlotIsAFailoverSlotWhenTheSourceAsksForOne() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "failover");
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (ConfigurableApplicationContext running = relay
			.start("waybill.relay.sources[0].debezium.slot.failover=true")) {
			assertThat(jdbc(outbox).queryForObject("SELECT failover FROM pg_replication_slots WHERE slot_name = ?",
					Boolean.class, relay.name()))
				.isTrue();
		}
	}

	/**
	 * Events of {@code aggregates} aggregates, {@code versions} each, each aggregate's in
	 * order, the aggregates interleaved at random.
	 */
	private static List<Row> interleaved(Random random, int aggregates, int versions) {
		List<String> slots = new ArrayList<>();
		for (int aggregate = 0; aggregate < aggregates; aggregate++) {
			slots.addAll(Collections.nCopies(versions, "agg-" + aggregate));
		}
		Collections.shuffle(slots, random);
		Map<String, Integer> next = new HashMap<>();
		return slots.stream().map((id) -> Row.of("boundary", id, next.merge(id, 1, Integer::sum))).toList();
	}

	private static void assertPublishedOnceInOrder(List<ConsumerRecord<String, String>> records, List<Row> written) {
		assertThat(ids(records)).as("each event once").doesNotHaveDuplicates();
		assertThat(ids(records)).as("every event").containsExactlyInAnyOrderElementsOf(ids(written));
		Map<String, Long> last = new HashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			long version = Long.parseLong(TopicReader.header(record, WireContract.HEADER_AGGREGATE_VERSION));
			Long previous = last.put(record.key(), version);
			assertThat(version).as("version of %s after %s", record.key(), previous)
				.isEqualTo((previous != null) ? previous + 1 : 1);
		}
	}

	private void assertRetentionKeepsNothing(OutboxDatabase outbox) {
		Clock anHourLater = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
		SmartLifecycle retention = JdbcOutbox.retentionJob(dataSource(outbox), anHourLater, "outbox_event",
				Duration.ofMinutes(1), Duration.ofMillis(50), 500);
		retention.start();
		try {
			await().untilAsserted(
					() -> assertThat(jdbc(outbox).queryForObject("SELECT count(*) FROM outbox_event", Long.class))
						.isZero());
		}
		finally {
			retention.stop();
		}
	}

	private static List<String> ids(List<?> recordsOrRows) {
		return recordsOrRows.stream()
			.map((item) -> (item instanceof Row row) ? row.id().toString()
					: TopicReader.header((ConsumerRecord<?, ?>) item, WireContract.HEADER_ID))
			.toList();
	}

	private static List<Row> concat(List<Row> first, List<Row> second) {
		List<Row> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	// the service's role may not manage replication slots
	private void asSuperuser(OutboxDatabase outbox, String sql) {
		this.stack.postgres().execute(outbox.name(), sql);
	}

	private TopicReader reader(RelayRunner relay) {
		return new TopicReader(this.stack.bootstrapServers(), relay.topicPrefix().replace(".", "\\.") + "boundary");
	}

	private DriverManagerDataSource dataSource(OutboxDatabase outbox) {
		return new DriverManagerDataSource(this.stack.jdbcUrl(outbox.database()), outbox.database().user(),
				outbox.database().password());
	}

	private JdbcTemplate jdbc(OutboxDatabase outbox) {
		return new JdbcTemplate(dataSource(outbox));
	}

	/**
	 * Commits one event per transaction, for ten aggregates in turn, until stopped.
	 */
	private static final class StreamingWriter implements AutoCloseable {

		private final OutboxDatabase outbox;

		private final List<Row> written = new CopyOnWriteArrayList<>();

		private final AtomicBoolean running = new AtomicBoolean();

		private final Map<String, Integer> versions = new HashMap<>();

		private final Thread thread = new Thread(this::write, "streaming-writer");

		StreamingWriter(OutboxDatabase outbox) {
			this.outbox = outbox;
		}

		void start() {
			this.running.set(true);
			this.thread.start();
		}

		void awaitMore(int rows) {
			int target = this.written.size() + rows;
			await().atMost(ARRIVAL).until(() -> this.written.size() >= target);
		}

		List<Row> stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
			return List.copyOf(this.written);
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

		private void write() {
			for (int n = 0; this.running.get(); n++) {
				String aggregate = "s-" + (n % 10);
				Row row = Row.of("boundary", aggregate, this.versions.merge(aggregate, 1, Integer::sum));
				this.outbox.commit(List.of(row));
				this.written.add(row);
				sleep(Duration.ofMillis(5));
			}
		}

		private static void sleep(Duration pause) {
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
