package dev.waybill.relay.capture.log;

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

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Where log capture takes over an outbox table: rows committed before the relay's slot
 * existed are published once, in order, before the slot's stream; a relay that replaces a
 * poller loses and repeats nothing; a poller is refused a table the log captured; and
 * {@code LOG} is recorded, which lets the cleanup delete unpublished rows, only once all
 * that holds.
 */
@ExtendWith(EmbeddedStackExtension.class)
class LogBoundaryIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(90);

	private final EmbeddedStack stack;

	LogBoundaryIntegrationTests(EmbeddedStack stack) {
		this.stack = stack;
	}

	@Test
	void aRelayStartedAfterItsServicePublishesTheBacklogOnceInOrderAndThenStreams() {
		long seed = new Random().nextLong();
		System.out.println("[boundary] backlog seed=" + seed);
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "backlog");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		List<Row> backlog = interleaved(new Random(seed), 40, 25);
		for (int from = 0; from < backlog.size(); from += 50) {
			outbox.commit(backlog.subList(from, from + 50));
		}
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (TopicReader reader = captured.reader(relay); ConfigurableApplicationContext running = relay.start()) {
			List<Row> after = List.of(Row.of("boundary", "agg-0", 26), Row.of("boundary", "late", 1));
			outbox.commit(after);
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1_002));
			assertPublishedOnceInOrder(reader.poll(), concat(backlog, after));
			assertThat(captured.records().get(0)).matches("LOG " + relay.name() + " [0-9A-F]+/[0-9A-F]+");
			assertThat(captured.unpublished()).as("unpublished: the two streamed").isEqualTo(2);
			assertRetentionKeepsNothing(captured);
		}
	}

	@Test
	void aLogRelayThatReplacesAPollerWhileRowsStreamInLosesAndRepeatsNothing() throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "polltolog");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner polling = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		RelayRunner log = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (TopicReader reader = captured.reader(log); StreamingWriter writer = new StreamingWriter(outbox)) {
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
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner log = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		RelayRunner polling = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		List<Row> first = List.of(Row.of("boundary", "a", 1), Row.of("boundary", "b", 1));
		List<Row> inTheSlot = List.of(Row.of("boundary", "a", 2), Row.of("boundary", "c", 1));
		try (TopicReader reader = captured.reader(log)) {
			try (ConfigurableApplicationContext running = log.start()) {
				outbox.commit(first);
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(2));
			}
			// committed while no relay runs: only the slot will deliver them
			outbox.commit(inTheSlot);
			assertThatThrownBy(polling::start).hasStackTraceContaining("is captured from the write-ahead log")
				.hasStackTraceContaining("To switch to polling");
			// the procedure: writes stopped, the log relay publishes what its slot holds
			try (ConfigurableApplicationContext draining = log.start()) {
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(4));
			}
			outbox.execute("UPDATE outbox_event SET published_at = now() WHERE published_at IS NULL",
					"DELETE FROM outbox_capture WHERE outbox_table = 'public.outbox_event'::regclass");
			captured.asSuperuser("SELECT pg_drop_replication_slot('" + log.name() + "')");
			try (ConfigurableApplicationContext poller = polling.start()) {
				List<Row> second = List.of(Row.of("boundary", "a", 3));
				outbox.commit(second);
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(5));
				assertPublishedOnceInOrder(reader.poll(), concat(concat(first, inTheSlot), second));
			}
		}
	}

	@Test
	void noBoundaryIsRecordedWhenTheSlotCannotBeCreated() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "noslot");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		// a physical slot of the same name: the logical one cannot be created
		captured.asSuperuser("SELECT pg_create_physical_replication_slot('" + relay.name() + "')");
		try {
			assertThatThrownBy(relay::start).hasStackTraceContaining("already exists");
			assertThat(captured.records()).isEmpty();
		}
		finally {
			captured.asSuperuser("SELECT pg_drop_replication_slot('" + relay.name() + "')");
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
		assertThat(CapturedOutbox.ids(records)).as("each event once").doesNotHaveDuplicates();
		assertThat(CapturedOutbox.ids(records)).as("every event")
			.containsExactlyInAnyOrderElementsOf(CapturedOutbox.ids(written));
		Map<String, Long> last = new HashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			long version = Long.parseLong(TopicReader.header(record, WireContract.HEADER_AGGREGATE_VERSION));
			Long previous = last.put(record.key(), version);
			assertThat(version).as("version of %s after %s", record.key(), previous)
				.isEqualTo((previous != null) ? previous + 1 : 1);
		}
	}

	private static void assertRetentionKeepsNothing(CapturedOutbox captured) {
		Clock anHourLater = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
		SmartLifecycle retention = JdbcOutbox.retentionJob(captured.dataSource(), anHourLater, "outbox_event",
				Duration.ofMinutes(1), Duration.ofMillis(50), 500);
		retention.start();
		try {
			await().untilAsserted(
					() -> assertThat(captured.jdbc().queryForObject("SELECT count(*) FROM outbox_event", Long.class))
						.isZero());
		}
		finally {
			retention.stop();
		}
	}

	private static List<Row> concat(List<Row> first, List<Row> second) {
		List<Row> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
