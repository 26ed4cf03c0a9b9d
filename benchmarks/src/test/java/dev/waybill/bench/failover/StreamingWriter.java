package dev.waybill.bench.failover;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.OutboxDatabase.Row;

/**
 * Commits one outbox row every 20 ms on a thread of its own, until closed; can pause.
 */
final class StreamingWriter implements AutoCloseable {

	private final OutboxDatabase outbox;

	private final Set<String> written = ConcurrentHashMap.newKeySet();

	private final Thread thread;

	private volatile boolean paused;

	private volatile boolean closed;

	StreamingWriter(OutboxDatabase outbox) {
		this.outbox = outbox;
		this.thread = new Thread(this::write, "failover-writer");
	}

	void start() {
		this.thread.start();
	}

	private void write() {
		long version = 0;
		while (!this.closed) {
			if (!this.paused) {
				Row row = Row.of("failover", "a-" + (version % 20), version / 20 + 1);
				this.outbox.commit(List.of(row));
				this.written.add(row.id().toString());
				version++;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(20);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	// returns once no commit is under way
	void pause() throws InterruptedException {
		this.paused = true;
		TimeUnit.MILLISECONDS.sleep(100);
	}

	void resume() {
		this.paused = false;
	}

	Set<String> written() {
		return Set.copyOf(this.written);
	}

	@Override
	public void close() throws InterruptedException {
		this.closed = true;
		this.thread.join();
	}

}
