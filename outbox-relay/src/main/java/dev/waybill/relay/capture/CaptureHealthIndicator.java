package dev.waybill.relay.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.unit.DataSize;

/**
 * Health per source: its state ({@code streaming}, or {@code restarting} after a
 * failure), its last error, the restart attempts since it last streamed, and its backlog
 * as last sampled ({@link BacklogWatcher}): with log capture the bytes of WAL the slot
 * still holds ({@code pg_current_wal_lsn()} minus the slot's {@code confirmed_flush_lsn})
 * and the log it keeps on the server, with a {@code warning} when that exceeds
 * {@code slot-retention-warning}; with polling the rows not yet published. Down when any
 * source is not streaming. A probe reads what the relay already knows: it never reaches a
 * database.
 */
final class CaptureHealthIndicator extends AbstractHealthIndicator {

	private static final String UNKNOWN = "unknown";

	private final List<SourceCapture> captures;

	private final BacklogWatcher backlogs;

	private final OutboxCapture capture;

	private final DataSize retentionWarning;

	CaptureHealthIndicator(List<SourceCapture> captures, BacklogWatcher backlogs, OutboxCapture capture,
			DataSize retentionWarning) {
		super("Relay health check failed");
		this.captures = captures;
		this.backlogs = backlogs;
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
		putBacklog(capture.source(), this.backlogs.latest(capture.source()), details);
		return details;
	}

	private void putBacklog(Source source, Backlog backlog, Map<String, Object> details) {
		if (this.capture == OutboxCapture.POLLING) {
			details.put("unpublishedRows", orUnknown(backlog.unpublishedRows()));
		}
		else {
			details.put("lagBytes", orUnknown(backlog.lagBytes()));
			// the slot keeps the log from its restart position on, whether or not it is
			// behind
			details.put("retainedWalBytes", orUnknown(backlog.retainedWalBytes()));
			String warning = backlog.retentionWarning(source, this.retentionWarning);
			if (warning != null) {
				details.put("warning", warning);
			}
		}
		details.put("backlogSampledAt", backlog.sampledAt().toString());
		String error = backlog.error();
		if (error != null) {
			details.put("backlogError", error);
		}
	}

	private static Object orUnknown(@Nullable Long value) {
		return (value != null) ? value : UNKNOWN;
	}

}
