package dev.waybill.relay.capture.log;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces a source's Kafka transactions while its batches are not full, so that batches
 * grow with the load instead of the transactions multiplying.
 * <p>
 * Each transaction costs the same whatever its size: a commit round trip, the offsets
 * partition and every event partition added to it, a commit marker on each. Debezium
 * hands a batch that is not full over after its poll interval, so at a steady rate the
 * number of transactions, and their cost, would follow the poll interval. After a batch
 * that was not full, the engine's thread waits here before it polls again, until the next
 * poll would end {@code linger} after the start of the transaction just committed; the
 * events that arrive meanwhile wait in Debezium's queue and make the next batch. So under
 * load a source commits about once per {@code linger}, and each event waits up to about
 * {@code linger} longer; after a quiet spell longer than {@code linger} there is nothing
 * to wait for, and a batch leaves after the poll interval alone. A full batch (a backlog)
 * never waits.
 */
final class Linger {

	/** Sleeps for the given nanoseconds; interruptible. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

	private final long lingerNanos;

	private final long pollIntervalNanos;

	private final int maxBatchSize;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private long transactionStarted;

	Linger(Duration linger, Duration pollInterval, int maxBatchSize, LongSupplier nanoTime, Sleeper sleeper) {
		this.lingerNanos = linger.toNanos();
		this.pollIntervalNanos = pollInterval.toNanos();
		this.maxBatchSize = maxBatchSize;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
	}

	/**
	 * @param settings log capture's settings
	 * @return a linger on the system's clock
	 */
	static Linger of(LogSettings settings) {
		return new Linger(settings.linger(), settings.pollInterval(), settings.maxBatchSize(), System::nanoTime,
				TimeUnit.NANOSECONDS::sleep);
	}

	/** Notes that a transaction begins now. */
	void transactionStarting() {
		this.transactionStarted = this.nanoTime.getAsLong();
	}

	/**
	 * Waits, after a batch that was not full, until the next poll would end
	 * {@code linger} after the start of the batch's transaction.
	 * @param batchSize the change events in the batch just committed
	 * @throws InterruptedException when interrupted while waiting
	 */
	void afterCommit(int batchSize) throws InterruptedException {
		if (this.lingerNanos == 0 || batchSize >= this.maxBatchSize) {
			return;
		}
		long wait = this.transactionStarted + this.lingerNanos - this.pollIntervalNanos - this.nanoTime.getAsLong();
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
	}

}
