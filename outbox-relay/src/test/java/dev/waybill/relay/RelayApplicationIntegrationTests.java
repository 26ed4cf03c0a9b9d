package dev.waybill.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;
import dev.waybill.relay.OutboxDatabase.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's acceptance with its default capture, logical decoding of the write-ahead
 * log.
 */
class RelayApplicationIntegrationTests extends RelayAcceptance {

	@Override
	OutboxCapture capture() {
		return OutboxCapture.LOG;
	}

	@Override
	void assertLagReported(Map<?, ?> details) {
		assertThat(details.get("lagBytes")).isInstanceOfSatisfying(Long.class,
				(bytes) -> assertThat(bytes).isNotNegative());
	}

	@Test
	void decodesThroughAPublicationOfTheOutboxTableThatPublishesInsertsOnly() {
		assertThat(outbox().publishedOperations(relay().name())).containsExactlyInAnyOrderEntriesOf(
				Map.of("pubinsert", true, "pubupdate", false, "pubdelete", false, "pubtruncate", false));
		assertThat(outbox().publishedTables(relay().name())).containsExactly("public.outbox_event");
	}

	@Test
	void deliversEveryEventOnceWhenTheServiceDeletesEachRowRightAfterInsertingIt() {
		List<Row> deleted = IntStream.range(0, 300).mapToObj((i) -> Row.of("cleaned", "c-" + (i % 10), i)).toList();
		List<Row> retained = IntStream.range(0, 50).mapToObj((i) -> Row.of("cleaned", "kept", i)).toList();
		try (TopicReader reader = reader("cleaned")) {
			for (int first = 0; first < deleted.size(); first += 3) {
				outbox().commitDeletedRightAfterInsert(deleted.subList(first, first + 3));
			}
			// and what the retention cleanup and any other change do to rows kept a while
			outbox().commit(retained);
			outbox().execute("UPDATE outbox_event SET traceparent = 'changed' WHERE aggregateid = 'kept'",
					"DELETE FROM outbox_event WHERE aggregateid = 'kept'", "TRUNCATE outbox_event");
			List<String> ids = new ArrayList<>();
			deleted.forEach((row) -> ids.add(row.id().toString()));
			retained.forEach((row) -> ids.add(row.id().toString()));
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSizeGreaterThanOrEqualTo(350));
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(reader.poll())
					.extracting((record) -> TopicReader.header(record, WireContract.HEADER_ID))
					.containsExactlyInAnyOrderElementsOf(ids));
		}
	}

	@Test
	void confirmsToItsSlotTheLogThatOtherTablesWriteWhileTheOutboxIsIdle() {
		try (TopicReader reader = reader("idle")) {
			outbox().commit(List.of(Row.of("idle", "i-1", 1)));
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
		}
		outbox().execute("CREATE TABLE busy_neighbour (id bigint, filler text)",
				"INSERT INTO busy_neighbour SELECT n, repeat('x', 200) FROM generate_series(1, 20000) n",
				"DELETE FROM outbox_event");
		long written = outbox().currentWalPosition();
		// the outbox publishes nothing more; only heartbeats (every second here) can move
		// the slot, or PostgreSQL keeps this log, and all that follows, for good
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox().confirmedSlotPosition()).isGreaterThanOrEqualTo(written));
	}

}
