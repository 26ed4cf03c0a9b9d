package dev.waybill.relay.capture.log;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.OutboxDatabase.Row;

import static org.awaitility.Awaitility.await;

/**
 * Commits one event per transaction, as a service under load does,, for ten aggregates in
 * turn, until stopped.
 */
final class StreamingWriter implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private final OutboxDatabase outbox;

	private final List<Row> written = new CopyOnWriteArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean();

	private final Map<String, Integer> versions = new HashMap<>();

	private final Thread thread = new Thread(this::write, "streaming-writer");

	StreamingWriter(OutboxDatabase outbox) {
		this.outbox = outbox;
	}

	void start() {
		this.running.set(true);
		this.thread.start();
	}

	void awaitMore(int rows) {
		int target = this.written.size() + rows;
		await().atMost(PATIENCE).until(() -> this.written.size() >= target);
	}

	List<Row> stop() throws InterruptedException {
		this.running.set(false);
		this.thread.join();
		return List.copyOf(this.written);
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private void write() {
		for (int n = 0; this.running.get(); n++) {
			String aggregate = "s-" + (n % 10);
			Row row = Row.of("boundary", aggregate, this.versions.merge(aggregate, 1, Integer::sum));
			this.outbox.commit(List.of(row));
			this.written.add(row);
			sleep(Duration.ofMillis(5));
		}
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}