package dev.waybill.relay.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.waybill.relay.RelayProperties.Source;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Health per source: its state ({@code streaming}, or {@code restarting} after a
 * failure), its last error, the restart attempts since it last streamed, and its lag, the
 * bytes of WAL the slot still holds ({@code pg_current_wal_lsn()} minus the slot's
 * {@code confirmed_flush_lsn}). Down when any source is not streaming.
 */
final class CaptureHealthIndicator extends AbstractHealthIndicator {

	private static final String SLOT_LAG = """
			SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
			FROM pg_replication_slots WHERE slot_name = ?
			""";

	private final List<SourceCapture> captures;

	CaptureHealthIndicator(List<SourceCapture> captures) {
		super("Relay health check failed");
		this.captures = captures;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allStreaming = true;
		for (SourceCapture capture : this.captures) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("state", capture.state().name().toLowerCase(Locale.ROOT));
			details.put("streaming", capture.isStreaming());
			details.put("restartAttempts", capture.restartAttempts());
			Throwable error = capture.lastError();
			if (error != null) {
				details.put("lastError", String.valueOf(error.getMessage()));
			}
			Long lag = lagBytes(capture.source());
			details.put("lagBytes", (lag != null) ? lag : "unknown");
			builder.withDetail(capture.source().name(), details);
			allStreaming &= capture.isStreaming();
		}
		if (allStreaming) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	static @Nullable Long lagBytes(Source source) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(source.connectionUrl(),
				source.username(), source.password(), true);
		try {
			List<Long> lag = new JdbcTemplate(dataSource).queryForList(SLOT_LAG, Long.class, source.slot());
			return lag.isEmpty() ? null : lag.get(0);
		}
		catch (DataAccessException ex) {
			return null;
		}
		finally {
			dataSource.destroy();
		}
	}

}
