package dev.waybill.outbox.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes outbox rows older than the retention period, oldest first, in batches of a
 * bounded size so that no single statement holds many row locks or writes a large burst
 * of WAL. Each batch is its own statement (and transaction); {@code SKIP LOCKED} lets
 * several instances of a service run the job side by side without waiting on each other.
 * Rows the relay has not marked published are kept whatever their age unless a
 * log-reading relay is recorded for the table ({@link CaptureRecords}): deleting them
 * would lose the events of a polling relay.
 */
final class RetentionJob implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RetentionJob.class);

	private static final String DELETE_EXPIRED = """
			DELETE FROM %1$s
			WHERE id IN (
			    SELECT id FROM %1$s
			    WHERE occurred_at < ? AND (published_at IS NOT NULL OR %2$s)
			    ORDER BY occurred_at
			    LIMIT ?
			    FOR UPDATE SKIP LOCKED)
			""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration retention;

	private final Duration interval;

	private final int batchSize;

	private final String deleteExpired;

	private @Nullable ScheduledExecutorService executor;

	private @Nullable ScheduledFuture<?> schedule;

	RetentionJob(DataSource dataSource, Clock clock, String table, Duration retention, Duration interval,
			int batchSize) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
		this.retention = retention;
		this.interval = interval;
		this.batchSize = batchSize;
		this.deleteExpired = DELETE_EXPIRED.formatted(table, CaptureRecords.logCaptureRecorded(table));
	}

	/**
	 * Deletes every expired row, one batch at a time.
	 * @return how many rows were deleted
	 */
	long deleteExpired() {
		var cutoff = this.clock.instant().minus(this.retention).atOffset(ZoneOffset.UTC);
		long total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update(this.deleteExpired, cutoff, this.batchSize);
			total += deleted;
		}
		while (deleted == this.batchSize);
		return total;
	}

	@Override
	public synchronized void start() {
		if (this.executor == null) {
			this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "waybill-outbox-retention");
				thread.setDaemon(true);
				return thread;
			});
			long millis = this.interval.toMillis();
			this.schedule = this.executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.schedule != null) {
			this.schedule.cancel(true);
			this.schedule = null;
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void runOnce() {
		try {
			long deleted = deleteExpired();
			if (deleted > 0 && logger.isDebugEnabled()) {
				logger.debug("Deleted " + deleted + " outbox rows older than " + this.retention);
			}
		}
		catch (RuntimeException ex) {
			// A failed run must not cancel the schedule: the next run catches up.
			logger.warn("Could not delete expired outbox rows; retrying in " + this.interval, ex);
		}
	}

}
