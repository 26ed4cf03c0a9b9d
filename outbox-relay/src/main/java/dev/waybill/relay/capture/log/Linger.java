package dev.waybill.relay.capture.log;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces a source's Kafka transactions while its batches are not full and its events come
 * fast, so that batches grow with the load instead of the transactions multiplying.
 * <p>
 * Each transaction costs the same whatever its size: a commit round trip, the offsets
 * partition and every event partition added to it, a commit marker on each. Debezium
 * hands a batch that is not full over after its poll interval, so at a steady rate the
 * number of transactions, and their cost, would follow the poll interval. After a batch
 * that was not full, the engine's thread waits here before it polls again, until the next
 * poll would end {@code linger} after the start of the transaction just committed; the
 * events that arrive meanwhile wait in Debezium's queue and make the next batch. So under
 * load a source commits about once per {@code linger}, and each event waits up to about
 * {@code linger} longer. A full batch (a backlog) never waits.
 * <p>
 * The wait applies only while the source's recent rate would gather at least
 * {@value #EVENTS_PER_LINGER} events in one linger. Below that rate a linger would save
 * few transactions and add its delay to every event of every hop of a saga, which at a
 * low rate is where latency matters; so a quiet source's batch leaves after the poll
 * interval alone. The rate counts the events of the batches committed, each decayed with
 * a time constant of one second, so it follows the source's rate of the last seconds
 * whatever the batches' sizes.
 */
final class Linger {

	/** Sleeps for the given nanoseconds; interruptible. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

	/** The events one linger must gather, at the recent rate, for the wait to apply. */
	static final int EVENTS_PER_LINGER = 4;

	private static final double RATE_TIME_CONSTANT_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final long lingerNanos;

	private final long pollIntervalNanos;

	private final int maxBatchSize;

	// the decayed event count at which the recent rate gathers EVENTS_PER_LINGER events
	// in one linger: a steady rate r per nanosecond keeps the count at about r times the
	// time constant
	private final double lingeringCount;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private long transactionStarted;

	private double recentEvents;

	private long countedAt;

	Linger(Duration linger, Duration pollInterval, int maxBatchSize, LongSupplier nanoTime, Sleeper sleeper) {
		this.lingerNanos = linger.toNanos();
		this.pollIntervalNanos = pollInterval.toNanos();
		this.maxBatchSize = maxBatchSize;
		this.lingeringCount = (this.lingerNanos == 0) ? Double.POSITIVE_INFINITY
				: EVENTS_PER_LINGER * RATE_TIME_CONSTANT_NANOS / this.lingerNanos;
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
	 * Waits, after a batch that was not full while the source's events come fast, until
	 * the next poll would end {@code linger} after the start of the batch's transaction.
	 * @param batchSize the change events in the batch just committed
	 * @throws InterruptedException when interrupted while waiting
	 */
	void afterCommit(int batchSize) throws InterruptedException {
		long now = this.nanoTime.getAsLong();
		count(batchSize, now);
		if (batchSize >= this.maxBatchSize || this.recentEvents < this.lingeringCount) {
			return;
		}
		long wait = this.transactionStarted + this.lingerNanos - this.pollIntervalNanos - now;
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
	}

	private void count(int events, long now) {
		long elapsed = Math.max(0, now - this.countedAt);
		this.recentEvents = this.recentEvents * Math.exp(-elapsed / RATE_TIME_CONSTANT_NANOS) + events;
		this.countedAt = now;
	}

}
