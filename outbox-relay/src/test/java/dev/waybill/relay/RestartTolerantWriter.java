package dev.waybill.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.waybill.relay.OutboxDatabase.Row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commits one event per transaction, about 300 a second, over 20 aggregates whose
 * versions increase, and carries on through database restarts; it can pause.
 */
final class RestartTolerantWriter implements AutoCloseable {

	private final OutboxDatabase outbox;

	private final Duration patience;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicBoolean paused = new AtomicBoolean();

	private final AtomicInteger committed = new AtomicInteger();

	private final CompletableFuture<Void> done;

	/**
	 * Starts writing.
	 * @param outbox the database written to
	 * @param patience how long {@link #awaitCommitted} waits
	 */
	RestartTolerantWriter(OutboxDatabase outbox, Duration patience) {
		this.outbox = outbox;
		this.patience = patience;
		this.done = CompletableFuture.runAsync(this::write);
	}

	int committed() {
		return this.committed.get();
	}

	/**
	 * Stops writing after the transaction under way, until {@link #resume()}.
	 * @return how many events were committed in all
	 */
	int pause() {
		int before;
		this.paused.set(true);
		do {
			before = this.committed.get();
			LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
		}
		while (this.committed.get() != before);
		return before;
	}

	void resume() {
		this.paused.set(false);
	}

	void awaitCommitted(int count) {
		await().atMost(this.patience).until(() -> this.committed.get() >= count || this.done.isDone());
		assertThat(this.done).isNotDone();
	}

	private void write() {
		long version = 0;
		while (this.running.get()) {
			if (this.paused.get()) {
				LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
				continue;
			}
			version++;
			try {
				this.outbox.commit(List.of(Row.of("recovery", "agg-" + (version % 20), version)));
				this.committed.incrementAndGet();
			}
			catch (RuntimeException | AssertionError ex) {
				// the database is restarting: try the next event once it is back
				// (with assertions on, pgjdbc reports a connection lost in a
				// batch with an AssertionError)
				LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
			}
			LockSupport.parkNanos(Duration.ofMillis(3).toNanos());
		}
	}

	@Override
	public void close() throws Exception {
		this.running.set(false);
		this.done.get();
	}

}
