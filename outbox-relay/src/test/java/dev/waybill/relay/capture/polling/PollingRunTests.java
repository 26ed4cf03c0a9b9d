package dev.waybill.relay.capture.polling;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.waybill.relay.RelaySettings;
import dev.waybill.relay.Source;
import dev.waybill.relay.kafka.KafkaClients;
import dev.waybill.relay.offsets.OffsetsTopic;
import dev.waybill.relay.publish.OutboxRow;
import dev.waybill.relay.publish.Position;
import dev.waybill.relay.publish.PublicationException;
import dev.waybill.relay.publish.Publisher;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A poller's run on a session and a publisher of its own (no database, no broker): what
 * it does before its first batch, each batch, a failed batch and a stop during one.
 */
class PollingRunTests {

	private static final Duration NEVER = Duration.ofHours(1);

	private final Source source = RelaySettings.bind(java.util.Map.of()).sources().get(0);

	private final ScriptedSession session = new ScriptedSession();

	private final RecordingPublisher publisher = new RecordingPublisher();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private @Nullable String committedPosition;

	private @Nullable PollingRun run;

	@AfterEach
	void stopTheRun() {
		if (this.run != null) {
			this.run.stop();
		}
	}

	@Test
	void marksTheRowsOfTheLastBatchCommittedInKafkaBeforeItPolls() throws Exception {
		this.committedPosition = "{\"sequenceNumbers\":[3,4]}";
		this.session.insert(3, 4, 5);

		start(10, NEVER);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.publisher.batches.size() == 1);
		assertThat(this.session.log).startsWith("mark [3, 4]", "commit", "lock 10");
		assertThat(sequenceNumbers(this.publisher.batches.get(0))).containsExactly(5L);
	}

	@Test
	void publishesEachBatchWithAPositionNamingItsRowsThenMarksThemAndCommits() throws Exception {
		this.session.insert(1, 2, 3);

		start(10, NEVER);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.publisher.batches.size() == 1);
		Batch batch = this.publisher.batches.get(0);
		assertThat(batch.rows()).extracting(OutboxRow::id).containsExactly("e-1", "e-2", "e-3");
		assertThat(new String(batch.position().value(), StandardCharsets.UTF_8))
			.isEqualTo("{\"sequenceNumbers\":[1,2,3]}");
		assertThat(this.session.log).containsSubsequence("lock 10", "mark [1, 2, 3]", "commit");
		assertThat(this.session.unpublished()).isEmpty();
	}

	@Test
	void aFullBatchIsFollowedAtOnceByTheNextQueryWithoutWaitingTheInterval() throws Exception {
		this.session.insert(1, 2, 3, 4, 5);

		start(2, NEVER);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.session.unpublished().isEmpty());
		assertThat(this.publisher.batches).map(PollingRunTests::sequenceNumbers)
			.containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
	}

	@Test
	void aBatchThatFailsToPublishIsRolledBackUnmarkedAndEndsTheRunReportingOnce() throws Exception {
		this.session.insert(1, 2);
		this.publisher.failure = new PublicationException("broker gone", new IllegalStateException("timeout"));

		PollingRun started = start(10, Duration.ofMillis(1));

		await().atMost(Duration.ofSeconds(5)).until(() -> !this.failures.isEmpty());
		assertThat(this.failures).singleElement().isSameAs(this.publisher.failure);
		assertThat(started.failure()).isSameAs(this.publisher.failure);
		await().atMost(Duration.ofSeconds(5)).until(() -> !started.isStreaming());
		assertThat(this.session.log).contains("rollback").doesNotContain("mark [1, 2]");
		assertThat(this.session.unpublished()).containsExactly(1L, 2L);
	}

	@Test
	void stopWaitsForTheBatchInFlightThenClosesTheSessionAndThePublisher() throws Exception {
		this.session.insert(1);
		this.publisher.holdNextPublish();
		PollingRun started = start(10, NEVER);
		assertThat(this.publisher.inPublish.await(5, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> stopped = CompletableFuture.runAsync(started::stop);
		TimeUnit.MILLISECONDS.sleep(200);
		assertThat(stopped).isNotDone();
		this.publisher.release.countDown();
		stopped.get(5, TimeUnit.SECONDS);

		assertThat(this.session.log).containsSubsequence("mark [1]", "commit", "close");
		assertThat(this.publisher.closed).isTrue();
		assertThat(this.failures).isEmpty();
		assertThat(started.isStreaming()).isFalse();
	}

	@Test
	void aStartThatCannotOpenItsSessionFailsNamingTheSourceAndClosesThePublisher() {
		PollingRun refused = new PollingRun(this.source, settings(10, NEVER), this.publisher, (failed) -> {
			throw new SQLException("connection refused");
		}, (key) -> null, (failed, error) -> this.failures.add(error));
		this.run = refused;

		assertThatIllegalStateException().isThrownBy(() -> refused.start(PollingRunTests::runOnOwnThread))
			.withMessage("Source 'orders' failed to start polling: connection refused");
		assertThat(this.publisher.closed).isTrue();
		assertThat(this.publisher.opened).isFalse();
	}

	private PollingRun start(int maxBatchSize, Duration interval) {
		PollingRun started = new PollingRun(this.source, settings(maxBatchSize, interval), this.publisher,
				(opened) -> this.session,
				(key) -> (this.committedPosition != null) ? new ObjectMapper().readTree(this.committedPosition) : null,
				(failed, error) -> this.failures.add(error));
		this.run = started;
		started.start(PollingRunTests::runOnOwnThread);
		return started;
	}

	private static PollingSettings settings(int maxBatchSize, Duration interval) {
		return new PollingSettings(new OffsetsTopic(KafkaClients.to("unused:9092"), "unused", Duration.ofMinutes(1)),
				maxBatchSize, interval);
	}

	private static void runOnOwnThread(Runnable runnable) {
		new Thread(runnable, "poller").start();
	}

	private static List<Long> sequenceNumbers(Batch batch) {
		return batch.rows().stream().map((row) -> Long.parseLong(row.id().substring(2))).toList();
	}

	record Batch(List<OutboxRow> rows, Position position) {
	}

	/**
	 * The outbox table as the poller's session sees it, and a log of what it was asked.
	 */
	static final class ScriptedSession implements PollingSession {

		final List<String> log = new CopyOnWriteArrayList<>();

		private final TreeMap<Long, OutboxRow> unpublished = new TreeMap<>();

		private final List<Long> locked = new ArrayList<>();

		synchronized void insert(long... sequenceNumbers) {
			for (long number : sequenceNumbers) {
				this.unpublished.put(number, new OutboxRow("e-" + number, "order", "o-" + number, "OrderPlaced", "{}",
						true, "1", null, null));
			}
		}

		synchronized List<Long> unpublished() {
			return List.copyOf(this.unpublished.keySet());
		}

		@Override
		public synchronized List<PolledRow> lockUnpublished(int limit) {
			this.log.add("lock " + limit);
			return lock(this.unpublished.keySet().stream().limit(limit).toList());
		}

		@Override
		public synchronized List<PolledRow> lockUnpublished(List<Long> sequenceNumbers) {
			this.log.add("lock " + sequenceNumbers);
			return lock(sequenceNumbers.stream().filter(this.unpublished::containsKey).toList());
		}

		private List<PolledRow> lock(List<Long> sequenceNumbers) {
			this.locked.addAll(sequenceNumbers);
			return sequenceNumbers.stream()
				.map((number) -> new PolledRow(number, this.unpublished.get(number)))
				.toList();
		}

		@Override
		public synchronized List<Long> unpublishedIn(String snapshot) {
			return unpublished();
		}

		@Override
		public synchronized int markPublished(List<Long> sequenceNumbers) {
			this.log.add("mark " + sequenceNumbers);
			return (int) sequenceNumbers.stream().filter((number) -> this.unpublished.remove(number) != null).count();
		}

		@Override
		public synchronized void commit() {
			this.log.add("commit");
			this.locked.clear();
		}

		@Override
		public synchronized void rollBack() {
			this.log.add("rollback");
			this.locked.clear();
		}

		@Override
		public void close() {
			this.log.add("close");
		}

	}

	static final class RecordingPublisher implements Publisher {

		final List<Batch> batches = new CopyOnWriteArrayList<>();

		final CountDownLatch inPublish = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile @Nullable RuntimeException failure;

		volatile boolean hold;

		volatile boolean opened;

		volatile boolean closed;

		void holdNextPublish() {
			this.hold = true;
		}

		@Override
		public void open() {
			this.opened = true;
		}

		@Override
		public void publish(List<OutboxRow> rows, Position position) {
			RuntimeException failing = this.failure;
			if (failing != null) {
				throw failing;
			}
			if (this.hold) {
				this.hold = false;
				this.inPublish.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.batches.add(new Batch(List.copyOf(rows), position));
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
