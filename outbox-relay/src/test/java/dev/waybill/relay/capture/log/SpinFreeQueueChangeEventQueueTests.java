package dev.waybill.relay.capture.log;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import io.debezium.config.Configuration;
import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.connector.base.QueueProvider;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.pipeline.Sizeable;
import io.debezium.util.LoggingContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SpinFreeQueue} inside Debezium's own {@link ChangeEventQueue}, built as the
 * PostgreSQL connector builds it from the relay's settings: what the relay relies on that
 * queue's loop for, so that a Debezium release that changes the loop fails here.
 */
class SpinFreeQueueChangeEventQueueTests {

	private static final int MAX_BATCH_SIZE = 3;

	@Test
	void isTheStorageThatDebeziumFindsForTheRelaysSettings() {
		assertThat(provider(configuration(Duration.ofMillis(5)))).isInstanceOf(SpinFreeQueue.class);
	}

	@Test
	void handsOverWhatWasEnqueuedInOrderAndHoldsNoEventBack() throws InterruptedException {
		ChangeEventQueue<Event> queue = queue(Duration.ofMillis(5));
		enqueue(queue, 1, 2);

		assertThat(queue.isBuffered()).isFalse();
		assertThat(queue.poll()).containsExactly(new Event(1), new Event(2));
	}

	@Test
	void handsOverAtMostMaxBatchSizeEventsAPoll() throws InterruptedException {
		ChangeEventQueue<Event> queue = queue(Duration.ofMillis(5));
		enqueue(queue, 1, 2, 3, 4, 5, 6, 7);

		assertThat(queue.poll()).containsExactly(new Event(1), new Event(2), new Event(3));
		assertThat(queue.poll()).containsExactly(new Event(4), new Event(5), new Event(6));
		assertThat(queue.poll()).containsExactly(new Event(7));
	}

	@Test
	void handsAFullBatchOverWithoutWaitingOutThePollInterval() throws InterruptedException {
		ChangeEventQueue<Event> queue = queue(Duration.ofSeconds(10));
		enqueue(queue, 1, 2, 3);

		long start = System.nanoTime();
		assertThat(queue.poll()).hasSize(MAX_BATCH_SIZE);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void holdsTheLogReaderBackWhileTheQueueIsFullUntilAPollMakesRoom() throws InterruptedException {
		ChangeEventQueue<Event> queue = queue(Duration.ofMillis(5));
		enqueue(queue, IntStream.rangeClosed(1, MAX_BATCH_SIZE * 4).toArray());
		assertThat(queue.remainingCapacity()).isZero();

		CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> enqueue(queue, 13));
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !reader.isDone());
		assertThat(queue.poll()).containsExactly(new Event(1), new Event(2), new Event(3));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reader).isCompleted());
		assertThat(queue.remainingCapacity()).isEqualTo(2);
	}

	@Test
	void endsAnEmptyPollAfterAboutThePollInterval() throws InterruptedException {
		ChangeEventQueue<Event> queue = queue(Duration.ofMillis(50));
		List<Duration> polls = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			assertThat(queue.poll()).isEmpty();
			polls.add(Duration.ofNanos(System.nanoTime() - start));
		}

		// a busy machine can only lengthen a poll: the quickest of three tells
		assertThat(polls).allSatisfy((poll) -> assertThat(poll).isGreaterThanOrEqualTo(Duration.ofMillis(25)));
		assertThat(polls.stream().min(Duration::compareTo))
			.hasValueSatisfying((quickest) -> assertThat(quickest).isLessThanOrEqualTo(Duration.ofMillis(500)));
	}

	@Test
	void waitsOutEmptyPollsWithoutSpinning() throws InterruptedException {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		assumeThat(threads.isCurrentThreadCpuTimeSupported()).isTrue();
		// 1 ms polls, in which a loop spinning through each poll's last millisecond
		// would keep this thread busy for a large share of the time
		ChangeEventQueue<Event> queue = queue(Duration.ofMillis(1));
		// a first round to warm the code up
		busyShareOfPolls(queue, threads);

		// the least busy of three rounds: a busy machine stretches the wall time, and a
		// slow round (interpreted code, a deoptimisation) does not come three times
		double leastBusy = Math.min(busyShareOfPolls(queue, threads),
				Math.min(busyShareOfPolls(queue, threads), busyShareOfPolls(queue, threads)));
		assertThat(leastBusy).isLessThan(0.1);
	}

	@Test
	void findsDebeziumsLoopSpinningThroughTheLastMillisecondOfAnEmptyPollAndParksIt() throws InterruptedException {
		AtomicInteger emptyReads = new AtomicInteger();
		AtomicInteger parks = new AtomicInteger();
		SpinFreeQueue<Event> storage = new SpinFreeQueue<>(() -> {
			emptyReads.incrementAndGet();
			return Instant.now();
		}, (nanos) -> {
			parks.incrementAndGet();
			LockSupport.parkNanos(nanos);
		});
		Configuration configuration = configuration(Duration.ofMillis(1));
		storage.configure(configuration.asMap());
		ChangeEventQueue<Event> queue = queue(configuration, storage);
		for (int i = 0; i < 20; i++) {
			assertThat(queue.poll()).isEmpty();
		}

		assertThat(parks).as("parks in 20 empty polls (none: Debezium's poll loop changed, see SpinFreeQueue)")
			.hasPositiveValue();
		// a handful a poll; a loop that spun would read the storage hundreds of times
		assertThat(emptyReads).as("reads of the empty storage in 20 polls").hasValueLessThanOrEqualTo(20 * 20);
	}

	@Test
	void raisesTheLogReadersFailureOnTheNextPoll() {
		ChangeEventQueue<Event> queue = queue(Duration.ofMillis(5));
		IllegalStateException failure = new IllegalStateException("the replication slot is gone");
		queue.producerException(failure);

		assertThatRuntimeException().isThrownBy(queue::poll).isSameAs(failure);
	}

	private static double busyShareOfPolls(ChangeEventQueue<Event> queue, ThreadMXBean threads)
			throws InterruptedException {
		long cpu = threads.getCurrentThreadCpuTime();
		long wall = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			queue.poll();
		}
		return (double) (threads.getCurrentThreadCpuTime() - cpu) / (System.nanoTime() - wall);
	}

	private static ChangeEventQueue<Event> queue(Duration pollInterval) {
		Configuration configuration = configuration(pollInterval);
		return queue(configuration, provider(configuration));
	}

	private static Configuration configuration(Duration pollInterval) {
		RelayProperties relay = RelaySettings.bind(Map.of("max-batch-size", Integer.toString(MAX_BATCH_SIZE),
				"poll-interval", pollInterval.toMillis() + "ms"));
		return Configuration
			.from(EngineConfiguration.of(relay.sources().get(0), LogSettings.of(relay, RelaySettings.offsets(relay))));
	}

	// as Debezium's QueueProviderServiceProvider finds and configures it
	@SuppressWarnings("unchecked")
	private static QueueProvider<Event> provider(Configuration configuration) {
		String type = new PostgresConnectorConfig(configuration).getQueueProviderType();
		QueueProvider<Event> provider = ServiceLoader.load(QueueProvider.class)
			.stream()
			.map(ServiceLoader.Provider::get)
			.filter((candidate) -> candidate.name().equalsIgnoreCase(type))
			.findFirst()
			.orElseThrow();
		provider.configure(configuration.asMap());
		return provider;
	}

	// as PostgresConnectorTask builds it
	private static ChangeEventQueue<Event> queue(Configuration configuration, QueueProvider<Event> provider) {
		PostgresConnectorConfig connector = new PostgresConnectorConfig(configuration);
		return new ChangeEventQueue.Builder<Event>().pollInterval(connector.getPollInterval())
			.maxBatchSize(connector.getMaxBatchSize())
			.maxQueueSize(connector.getMaxQueueSize())
			.maxQueueSizeInBytes(connector.getMaxQueueSizeInBytes())
			.queueProvider(provider)
			.loggingContextSupplier(() -> LoggingContext.forConnector("postgres", "orders", "streaming"))
			.build();
	}

	private static void enqueue(ChangeEventQueue<Event> queue, int... sequences) {
		try {
			for (int sequence : sequences) {
				queue.enqueue(new Event(sequence));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Event(int sequence) implements Sizeable {

		@Override
		public long objectSize() {
			return Integer.BYTES;
		}

	}

}
