package dev.waybill.relay.capture.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the engine's thread waits after a batch: until its next poll would end the
 * linger after the start of the batch's transaction, unless the batch was full.
 */
class LingerTests {

	private static final long MS = Duration.ofMillis(1).toNanos();

	private final List<Long> slept = new ArrayList<>();

	private long now = 1_000 * MS;

	private final Linger linger = new Linger(Duration.ofMillis(20), Duration.ofMillis(5), 100, () -> this.now,
			this.slept::add);

	@Test
	void waitsUntilTheNextPollWouldEndTheLingerAfterTheTransactionStarted() throws Exception {
		this.linger.transactionStarting();
		this.now += 4 * MS;

		this.linger.afterCommit(10);

		assertThat(this.slept).containsExactly(11 * MS);
	}

	@Test
	void doesNotWaitAfterATransactionLongerThanTheLingerLessThePollInterval() throws Exception {
		this.linger.transactionStarting();
		this.now += 15 * MS;

		this.linger.afterCommit(10);

		assertThat(this.slept).isEmpty();
	}

	@Test
	void doesNotWaitAfterAFullBatch() throws Exception {
		this.linger.transactionStarting();

		this.linger.afterCommit(100);

		assertThat(this.slept).isEmpty();
	}

	@Test
	void aZeroLingerNeverWaits() throws Exception {
		Linger off = new Linger(Duration.ZERO, Duration.ofMillis(5), 100, () -> this.now, this.slept::add);
		off.transactionStarting();

		off.afterCommit(1);

		assertThat(this.slept).isEmpty();
	}

}
