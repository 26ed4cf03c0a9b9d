package dev.waybill.relay.capture.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the engine's thread waits after a batch: while the source's events come fast
 * enough to gather four in one linger, until its next poll would end the linger after the
 * start of the batch's transaction, unless the batch was full.
 */
class LingerTests {

	private static final long MS = Duration.ofMillis(1).toNanos();

	private final List<Long> slept = new ArrayList<>();

	private long now = 1_000 * MS;

	// a 20 ms linger waits from 200 events a second on
	private final Linger linger = new Linger(Duration.ofMillis(20), Duration.ofMillis(5), 100, () -> this.now,
			this::sleep);

	@Test
	void waitsUntilTheNextPollWouldEndTheLingerAfterTheTransactionStarted() throws Exception {
		commitForTwoSecondsAt(500);
		this.linger.transactionStarting();
		this.now += 4 * MS;

		this.linger.afterCommit(10);

		assertThat(this.slept).containsExactly(11 * MS);
	}

	@Test
	void doesNotWaitAfterATransactionLongerThanTheLingerLessThePollInterval() throws Exception {
		commitForTwoSecondsAt(500);
		this.linger.transactionStarting();
		this.now += 15 * MS;

		this.linger.afterCommit(10);

		assertThat(this.slept).isEmpty();
	}

	@Test
	void doesNotWaitAfterAFullBatch() throws Exception {
		commitForTwoSecondsAt(500);
		this.linger.transactionStarting();

		this.linger.afterCommit(100);

		assertThat(this.slept).isEmpty();
	}

	@Test
	void aZeroLingerNeverWaits() throws Exception {
		Linger off = new Linger(Duration.ZERO, Duration.ofMillis(5), 100, () -> this.now, this::sleep);
		for (int batch = 0; batch < 1_000; batch++) {
			off.transactionStarting();
			this.now += MS;
			off.afterCommit(50);
		}

		assertThat(this.slept).isEmpty();
	}

	@Test
	void doesNotWaitWhileTheSourceGathersFewerThanFourEventsPerLinger() throws Exception {
		// 150 events a second: three per 20 ms
		for (int batch = 0; batch < 1_000; batch++) {
			commitBatch(3, 20 * MS);
		}

		assertThat(this.slept).isEmpty();
	}

	@Test
	void waitsOnceTheRateRisesAndStopsWaitingWhenItFallsAgain() throws Exception {
		commitForTwoSecondsAt(100);
		commitBatch(1, 0);
		assertThat(this.slept).isEmpty();

		commitForTwoSecondsAt(1_000);
		commitBatch(10, 0);
		assertThat(this.slept).containsExactly(14 * MS);

		this.now += 3_000 * MS;
		commitBatch(1, 0);
		assertThat(this.slept).containsExactly(14 * MS);
	}

	// events arriving steadily for two seconds: each batch takes those that arrived since
	// the previous one, after the poll interval, and commits in a millisecond; a wait
	// moves the clock on, and the events of the wait make the next batch
	private void commitForTwoSecondsAt(int eventsPerSecond) throws InterruptedException {
		long end = this.now + 2_000 * MS;
		long cut = this.now;
		while (this.now < end) {
			this.now += 5 * MS;
			int events = (int) Math.max(1, (this.now - cut) * eventsPerSecond / (1_000 * MS));
			cut = this.now;
			commitBatch(events, 0);
		}
		this.slept.clear();
	}

	private void commitBatch(int events, long spacing) throws InterruptedException {
		long started = this.now;
		this.linger.transactionStarting();
		this.now += MS;
		this.linger.afterCommit(events);
		this.now = Math.max(this.now, started + spacing);
	}

	private void sleep(long nanos) {
		this.slept.add(nanos);
		this.now += nanos;
	}

}
