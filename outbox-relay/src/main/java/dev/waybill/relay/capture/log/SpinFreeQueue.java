package dev.waybill.relay.capture.log;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.debezium.connector.base.QueueProvider;
import org.jspecify.annotations.Nullable;

/**
 * Debezium's change-event queue storage, which waits out the end of a poll instead of
 * spinning through it.
 * <p>
 * Debezium's {@code ChangeEventQueue.poll()} holds a batch that is not full until its
 * poll interval has passed, measured in whole milliseconds of the system clock, and waits
 * with {@code await(remaining)} in between. In the interval's last millisecond the
 * remaining wait is 0 but the interval has not yet passed, so the loop runs again and
 * again, asking this storage for its size each time, until the clock's millisecond ticks
 * over: up to a millisecond of a busy core at the end of every poll that does not fill a
 * batch, idle or not. No setting changes that loop (Debezium 3.6), but it is the storage
 * that it asks.
 * <p>
 * So this storage recognises the spin (the same thread finding it empty a third time
 * within one millisecond of the system clock, with nothing enqueued in between) and parks
 * that thread until the millisecond ticks over. The loop then sees its interval passed
 * and returns, as it would have after spinning: the poll ends at the same time, and an
 * event that arrives meanwhile waits no longer, since the spinning thread held the
 * queue's lock either way. The first two empty reads of a poll (sizing the batch and the
 * first drain) fall in one millisecond without any spin, hence the third.
 * <p>
 * Debezium finds it with {@link java.util.ServiceLoader} under the name {@value #NAME}
 * ({@code queue.provider.type}), which is why it is public and has a public constructor.
 *
 * @param <T> the queued change events
 */
public final class SpinFreeQueue<T> implements QueueProvider<T> {

	/** The name that {@code queue.provider.type} selects this storage by. */
	public static final String NAME = "waybill-spin-free";

	static final int EMPTY_READS_BEFORE_PARKING = 3;

	private final Supplier<Instant> clock;

	private final LongConsumer parkNanos;

	private final ThreadLocal<EmptyReads> emptyReads = ThreadLocal.withInitial(EmptyReads::new);

	private ArrayDeque<T> queue = new ArrayDeque<>();

	private long enqueued;

	/**
	 * Creates the storage on the system clock, which Debezium's poll interval is measured
	 * on; {@link java.util.ServiceLoader} calls it.
	 */
	public SpinFreeQueue() {
		this(Instant::now, LockSupport::parkNanos);
	}

	SpinFreeQueue(Supplier<Instant> clock, LongConsumer parkNanos) {
		this.clock = clock;
		this.parkNanos = parkNanos;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void configure(Map<String, ?> properties) {
		Object maxQueueSize = properties.get("max.queue.size");
		if (maxQueueSize != null) {
			this.queue = new ArrayDeque<>(Integer.parseInt(maxQueueSize.toString()));
		}
	}

	@Override
	public void enqueue(T event) {
		this.queue.add(event);
		this.enqueued++;
	}

	@Override
	public @Nullable T poll() {
		return this.queue.poll();
	}

	@Override
	public int size() {
		int size = this.queue.size();
		EmptyReads reads = this.emptyReads.get();
		if (size > 0) {
			reads.reset();
			return size;
		}
		Instant now = this.clock.get();
		if (reads.countRead(now.toEpochMilli(), this.enqueued) >= EMPTY_READS_BEFORE_PARKING) {
			Instant nextMillisecond = now.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
			this.parkNanos.accept(Duration.between(now, nextMillisecond).toNanos());
		}
		return size;
	}

	/**
	 * One thread's run of empty reads within one millisecond.
	 */
	private static final class EmptyReads {

		private long millisecond = -1;

		private long enqueuedBefore = -1;

		private int count;

		int countRead(long millisecond, long enqueued) {
			if (millisecond != this.millisecond || enqueued != this.enqueuedBefore) {
				this.millisecond = millisecond;
				this.enqueuedBefore = enqueued;
				this.count = 0;
			}
			return ++this.count;
		}

		void reset() {
			this.millisecond = -1;
		}

	}

}
