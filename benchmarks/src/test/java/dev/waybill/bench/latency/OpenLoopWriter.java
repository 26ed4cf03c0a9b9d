package dev.waybill.bench.latency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.waybill.relay.OutboxDatabase;

/**
 * Commits outbox events on a fixed schedule, one event per transaction, from several
 * connections: event {@code i} is due at {@code start + i / rate}, whenever the earlier
 * ones finished, so a slow commit does not delay the schedule (open loop). Each event's
 * id encodes its index, and the moment its commit returned is kept by index.
 */
final class OpenLoopWriter {

	static final String AGGREGATE_TYPE = "bench";

	private static final int AGGREGATES = 1000;

	private static final long LATE_NANOS = 10_000_000;

	private static final String INSERT = """
			INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at)
			VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
			""";

	private final OutboxDatabase outbox;

	private final int threads;

	OpenLoopWriter(OutboxDatabase outbox, int threads) {
		this.outbox = outbox;
		this.threads = threads;
	}

	/**
	 * What a schedule did. Not a record: its arrays are filled in place by the writers,
	 * not values to compare.
	 */
	static final class Written {

		// when event 0 was due (System.nanoTime())
		private final long start;

		private final long[] commits;

		private final long[] starts;

		private Written(long start, int events) {
			this.start = start;
			this.commits = new long[events];
			this.starts = new long[events];
		}

		/**
		 * @return when each event's commit returned, by index
		 */
		long[] commits() {
			return this.commits;
		}

		/**
		 * @return when each event's insert began, by index
		 */
		long[] starts() {
			return this.starts;
		}

		long due(int index, int rate) {
			return this.start + (long) (index * 1e9 / rate);
		}

		/**
		 * @param from the first event counted
		 * @param rate events per second
		 * @return how late the events from {@code from} began
		 */
		Lateness lateness(int from, int rate) {
			long late = 0;
			long worst = 0;
			for (int i = from; i < this.starts.length; i++) {
				long delay = this.starts[i] - due(i, rate);
				late += (delay > LATE_NANOS) ? 1 : 0;
				worst = Math.max(worst, delay);
			}
			return new Lateness(late, worst);
		}

	}

	/**
	 * How well the schedule was kept.
	 *
	 * @param late the events that began more than 10 ms after they were due
	 * @param worstNanos the longest delay
	 */
	record Lateness(long late, long worstNanos) {

	}

	/**
	 * Writes the events and returns once every one is committed.
	 * @param idBits the high half of every event id, telling this schedule's events apart
	 * @param rate events per second
	 * @param events how many
	 * @return when each event was due, began and committed
	 */
	Written write(long idBits, int rate, int events) throws InterruptedException, SQLException {
		List<Connection> connections = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(this.threads);
		try {
			for (int t = 0; t < this.threads; t++) {
				connections.add(this.outbox.connect());
			}
			// connected first: the schedule does not start with the connections' setup
			Written written = new Written(System.nanoTime() + 20_000_000, events);
			AtomicInteger next = new AtomicInteger();
			List<Future<Void>> writers = new ArrayList<>();
			for (Connection connection : connections) {
				writers.add(executor.submit(() -> writeDue(connection, written, next, idBits, rate)));
			}
			for (Future<Void> writer : writers) {
				writer.get();
			}
			return written;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A writer failed; the phase is not measured", ex.getCause());
		}
		finally {
			executor.shutdownNow();
			executor.awaitTermination(1, TimeUnit.MINUTES);
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	private static Void writeDue(Connection connection, Written written, AtomicInteger next, long idBits, int rate)
			throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			for (int i = next.getAndIncrement(); i < written.commits().length; i = next.getAndIncrement()) {
				if (!awaitDue(written.due(i, rate))) {
					return null;
				}
				written.starts()[i] = System.nanoTime();
				bind(insert, new UUID(idBits, i), i);
				insert.executeUpdate();
				written.commits()[i] = System.nanoTime();
			}
			return null;
		}
	}

	// false when the phase was abandoned (another writer failed)
	private static boolean awaitDue(long due) {
		for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
			LockSupport.parkNanos(due - now);
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return !Thread.currentThread().isInterrupted();
	}

	private static void bind(PreparedStatement insert, UUID id, int index) throws SQLException {
		insert.setObject(1, id);
		insert.setString(2, AGGREGATE_TYPE);
		insert.setString(3, "agg-" + (index % AGGREGATES));
		insert.setString(4, "Happened");
		insert.setString(5,
				"{\"n\": " + index + ", \"sku\": \"SKU-" + (index % 977) + "\", \"note\": \"" + "x".repeat(40) + "\"}");
		insert.setLong(6, index / AGGREGATES + 1);
		insert.setTimestamp(7, Timestamp.from(Instant.now()));
	}

}
