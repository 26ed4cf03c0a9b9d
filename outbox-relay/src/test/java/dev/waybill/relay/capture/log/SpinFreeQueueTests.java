package dev.waybill.relay.capture.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

import io.debezium.connector.base.QueueProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpinFreeQueueTests {

	private static final Instant MILLISECOND = Instant.parse("2026-12-02T10:00:00.123Z");

	private final List<Long> parks = new ArrayList<>();

	private Instant now = MILLISECOND.plusNanos(300_000);

	private final SpinFreeQueue<String> queue = new SpinFreeQueue<>(() -> this.now, this.parks::add);

	@Test
	void parksAThreadThatFindsItEmptyAThirdTimeInOneMillisecondUntilTheMillisecondEnds() {
		readEmpty(3);

		assertThat(this.parks).containsExactly(700_000L);
	}

	@Test
	void letsThePollSizeItsBatchAndDrainOnceWithoutParking() {
		readEmpty(2);

		assertThat(this.parks).isEmpty();
	}

	@Test
	void keepsParkingWhileTheMillisecondHasNotEnded() {
		readEmpty(3);
		this.now = MILLISECOND.plusNanos(999_000);
		readEmpty(1);

		assertThat(this.parks).containsExactly(700_000L, 1_000L);
	}

	@Test
	void startsCountingAgainInANewMillisecond() {
		assertNoParkingForTwoEmptyReadsEachSideOf(() -> this.now = MILLISECOND.plusMillis(1));
	}

	@Test
	void startsCountingAgainWhenAnEventWasEnqueuedBetweenReads() {
		assertNoParkingForTwoEmptyReadsEachSideOf(() -> {
			this.queue.enqueue("event");
			this.queue.poll();
		});
	}

	@Test
	void startsCountingAgainAfterFindingEvents() {
		assertNoParkingForTwoEmptyReadsEachSideOf(() -> {
			this.queue.enqueue("event");
			assertThat(this.queue.size()).isOne();
			this.queue.poll();
		});
	}

	@Test
	void countsEachThreadsReadsOnItsOwn() {
		readEmpty(2);
		CompletableFuture.runAsync(() -> readEmpty(2)).join();

		assertThat(this.parks).isEmpty();
	}

	@Test
	void handsEventsOverInTheOrderTheyCame() {
		this.queue.configure(Map.of("max.queue.size", "8"));
		this.queue.enqueue("first");
		this.queue.enqueue("second");

		assertThat(this.queue.size()).isEqualTo(2);
		assertThat(this.queue.poll()).isEqualTo("first");
		assertThat(this.queue.poll()).isEqualTo("second");
		assertThat(this.queue.poll()).isNull();
	}

	@Test
	void isFoundByDebeziumUnderItsName() {
		assertThat(ServiceLoader.load(QueueProvider.class).stream().map(ServiceLoader.Provider::get))
			.anySatisfy((provider) -> assertThat(provider.name()).isEqualTo(SpinFreeQueue.NAME))
			.filteredOn((provider) -> provider.name().equalsIgnoreCase(SpinFreeQueue.NAME))
			.singleElement()
			.isInstanceOf(SpinFreeQueue.class);
	}

	private void assertNoParkingForTwoEmptyReadsEachSideOf(Runnable between) {
		readEmpty(2);
		between.run();
		readEmpty(2);

		assertThat(this.parks).isEmpty();
	}

	private void readEmpty(int times) {
		for (int i = 0; i < times; i++) {
			assertThat(this.queue.size()).isZero();
		}
	}

}
