package dev.waybill.relay.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.unit.DataSize;

/**
 * Samples each source's backlog at a fixed interval, on one connection per source kept
 * open between samples, so that health probes read the last sample and never reach the
 * databases themselves: a probe every few seconds per source, from several checkers,
 * would otherwise open as many connections. A failed sample closes its connection, and
 * the next one opens a new one.
 */
final class BacklogWatcher {

	private static final Logger log = LoggerFactory.getLogger(BacklogWatcher.class);

	/** How often each source is sampled. */
	static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final String SLOT = """
			SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint,
			       pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint
			FROM pg_replication_slots WHERE slot_name = ?
			""";

	private static final String UNPUBLISHED = "SELECT count(*) FROM %s WHERE published_at IS NULL";

	private final List<Source> sources;

	private final OutboxCapture capture;

	private final DataSize retentionWarning;

	private final Clock clock;

	private final Map<String, Backlog> latest = new ConcurrentHashMap<>();

	// touched by one thread at a time: start(), then the scheduler's, then stop()
	private final Map<String, Connection> connections = new HashMap<>();

	private final Map<String, Boolean> overRetention = new HashMap<>();

	private @Nullable ScheduledExecutorService scheduler;

	BacklogWatcher(List<Source> sources, OutboxCapture capture, DataSize retentionWarning, Clock clock) {
		this.sources = sources;
		this.capture = capture;
		this.retentionWarning = retentionWarning;
		this.clock = clock;
	}

	/** Takes a first sample of every source, then samples every {@link #INTERVAL}. */
	synchronized void start() {
		sampleAll();
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "relay-backlog");
			thread.setDaemon(true);
			return thread;
		});
		started.scheduleWithFixedDelay(this::sampleAll, INTERVAL.toMillis(), INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = started;
	}

	/** Stops sampling and closes the connections. */
	synchronized void stop() {
		ScheduledExecutorService stopping = this.scheduler;
		this.scheduler = null;
		if (stopping != null) {
			stopping.shutdownNow();
			try {
				stopping.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.connections.values().forEach(BacklogWatcher::closeQuietly);
		this.connections.clear();
	}

	/**
	 * @param source a source of the relay
	 * @return its last sample
	 */
	Backlog latest(Source source) {
		return this.latest.getOrDefault(source.name(), Backlog.notSampled());
	}

	private void sampleAll() {
		for (Source source : this.sources) {
			Backlog backlog = sample(source);
			this.latest.put(source.name(), backlog);
			warnOnceOverRetention(source, backlog);
		}
	}

	private Backlog sample(Source source) {
		try {
			Connection connection = this.connections.get(source.name());
			if (connection == null) {
				connection = open(source);
				this.connections.put(source.name(), connection);
			}
			return (this.capture == OutboxCapture.POLLING) ? unpublished(connection, source) : slot(connection, source);
		}
		catch (SQLException ex) {
			closeQuietly(this.connections.remove(source.name()));
			return Backlog.failed(String.valueOf(ex.getMessage()), this.clock.instant());
		}
	}

	private Backlog slot(Connection connection, Source source) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SLOT)) {
			statement.setString(1, source.slot());
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return Backlog.failed("no slot '" + source.slot() + "'", this.clock.instant());
				}
				return new Backlog(longOrNull(row, 1), longOrNull(row, 2), null, null, this.clock.instant());
			}
		}
	}

	private Backlog unpublished(Connection connection, Source source) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(UNPUBLISHED.formatted(source.table()));
				ResultSet row = statement.executeQuery()) {
			row.next();
			return new Backlog(null, null, row.getLong(1), null, this.clock.instant());
		}
	}

	// once per crossing, not once per sample: a slot over the line stays there for a
	// while
	private void warnOnceOverRetention(Source source, Backlog backlog) {
		String warning = backlog.retentionWarning(source, this.retentionWarning);
		Boolean warned = this.overRetention.put(source.name(), warning != null);
		if (warning != null && !Boolean.TRUE.equals(warned)) {
			log.warn("Source '{}': {}", source.name(), warning);
		}
	}

	private static Connection open(Source source) throws SQLException {
		// named, so that pg_stat_activity tells this connection from the capture's
		return source.connect("backlog-" + source.name(), Duration.ofSeconds(10));
	}

	private static @Nullable Long longOrNull(ResultSet row, int column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? null : value;
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			log.debug("Closing a backlog connection failed", ex);
		}
	}

}
