package dev.waybill.relay.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.unit.DataSize;

/**
 * Health per source: its state ({@code streaming}, or {@code restarting} after a
 * failure), its last error, the restart attempts since it last streamed, and its lag:
 * with log capture the bytes of WAL the slot still holds ({@code pg_current_wal_lsn()}
 * minus the slot's {@code confirmed_flush_lsn}), with polling the rows not yet published.
 * Down when any source is not streaming. With log capture it also reports the log the
 * slot keeps on the server, and warns (a {@code warning} detail and a log line) when that
 * exceeds {@code slot-retention-warning}.
 */
final class CaptureHealthIndicator extends AbstractHealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(CaptureHealthIndicator.class);

	private static final String SLOT = """
			SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag,
			       pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained
			FROM pg_replication_slots WHERE slot_name = ?
			""";

	private static final String UNPUBLISHED = """
			SELECT count(*) FROM %s WHERE published_at IS NULL
			""";

	private final List<SourceCapture> captures;

	private final OutboxCapture capture;

	private final DataSize retentionWarning;

	CaptureHealthIndicator(List<SourceCapture> captures, OutboxCapture capture, DataSize retentionWarning) {
		super("Relay health check failed");
		this.captures = captures;
		this.capture = capture;
		this.retentionWarning = retentionWarning;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allStreaming = true;
		for (SourceCapture capture : this.captures) {
			builder.withDetail(capture.source().name(), details(capture));
			allStreaming &= capture.isStreaming();
		}
		if (allStreaming) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private Map<String, Object> details(SourceCapture capture) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", capture.state().name().toLowerCase(Locale.ROOT));
		details.put("streaming", capture.isStreaming());
		details.put("restartAttempts", capture.restartAttempts());
		Throwable error = capture.lastError();
		if (error != null) {
			details.put("lastError", String.valueOf(error.getMessage()));
		}
		if (this.capture == OutboxCapture.POLLING) {
			Long unpublished = unpublishedRows(capture.source());
			details.put("unpublishedRows", (unpublished != null) ? unpublished : "unknown");
		}
		else {
			putSlot(capture.source(), details);
		}
		return details;
	}

	// one query for both: each health check of each source opens its own connection
	private void putSlot(Source source, Map<String, Object> details) {
		Map<String, Object> slot = query(source, SLOT, source.slot());
		Long lag = (slot != null) ? (Long) slot.get("lag") : null;
		details.put("lagBytes", (lag != null) ? lag : "unknown");
		// the slot keeps the log from its restart position on, whether or not it is
		// behind
		Long retained = (slot != null) ? (Long) slot.get("retained") : null;
		details.put("retainedWalBytes", (retained != null) ? retained : "unknown");
		if (retained != null && retained > this.retentionWarning.toBytes()) {
			String warning = "slot '" + source.slot() + "' keeps " + DataSize.ofBytes(retained).toMegabytes()
					+ " MB of write-ahead log on the server, more than waybill.relay.slot-retention-warning ("
					+ this.retentionWarning.toMegabytes() + " MB): the database's disk fills while the relay is behind";
			details.put("warning", warning);
			log.warn("Source '{}': {}", source.name(), warning);
		}
	}

	static @Nullable Long unpublishedRows(Source source) {
		Map<String, Object> row = query(source, UNPUBLISHED.formatted(source.table()));
		return (row != null) ? (Long) row.get("count") : null;
	}

	// the first row, null when there is none or the database cannot be queried
	private static @Nullable Map<String, Object> query(Source source, String sql, Object... arguments) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(source.connectionUrl(),
				source.username(), source.password(), true);
		try {
			List<Map<String, Object>> rows = new JdbcTemplate(dataSource).queryForList(sql, arguments);
			return rows.isEmpty() ? null : rows.get(0);
		}
		catch (DataAccessException ex) {
			return null;
		}
		finally {
			dataSource.destroy();
		}
	}

}
