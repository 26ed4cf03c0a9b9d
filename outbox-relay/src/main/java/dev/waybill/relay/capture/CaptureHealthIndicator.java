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
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.unit.DataSize;

/**
 * Health per source: this instance's role ({@code leader} or {@code standby}), who leads
 * it, how often this instance took it over, its state ({@code streaming}, or
 * {@code restarting} after a failure), its last error, the restart attempts since it last
 * streamed, and its backlog as last sampled ({@link BacklogWatcher}): with log capture
 * the bytes of WAL the slot still holds ({@code pg_current_wal_lsn()} minus the slot's
 * {@code confirmed_flush_lsn}) and the log it keeps on the server, with a {@code warning}
 * when that exceeds {@code slot-retention-warning}; with polling the rows not yet
 * published. Down when a source this instance leads is not streaming; a standby is up. A
 * probe reads what the relay already knows: it never reaches a database.
 */
final class CaptureHealthIndicator extends AbstractHealthIndicator {

	private static final String UNKNOWN = "unknown";

	private final List<SourceLeader> leaders;

	private final BacklogWatcher backlogs;

	private final OutboxCapture capture;

	private final DataSize retentionWarning;

	CaptureHealthIndicator(List<SourceLeader> leaders, BacklogWatcher backlogs, OutboxCapture capture,
			DataSize retentionWarning) {
		super("Relay health check failed");
		this.leaders = leaders;
		this.backlogs = backlogs;
		this.capture = capture;
		this.retentionWarning = retentionWarning;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allHealthy = true;
		for (SourceLeader leader : this.leaders) {
			SourceCapture term = leader.term();
			builder.withDetail(leader.source().name(), details(leader, term));
			// a standby that reaches its database is healthy: it is ready to take over
			allHealthy &= (leader.role() == SourceLeader.Role.STANDBY) ? leader.attemptError() == null
					: term != null && term.isStreaming();
		}
		if (allHealthy) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private Map<String, Object> details(SourceLeader leader, @Nullable SourceCapture term) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("role", leader.role().name().toLowerCase(Locale.ROOT));
		details.put("leader", String.valueOf(leader.leader()));
		details.put("takeovers", leader.takeovers());
		// a standby whose attempts to lead fail (its database down) is restarting, as a
		// leader's failed run is
		Throwable error = (term != null) ? term.lastError() : leader.attemptError();
		details.put("state", (term != null) ? term.state().name().toLowerCase(Locale.ROOT)
				: (error != null) ? "restarting" : "standby");
		details.put("streaming", term != null && term.isStreaming());
		details.put("restartAttempts", (term != null) ? term.restartAttempts() : leader.failedAttempts());
		if (error != null) {
			details.put("lastError", describe(error));
		}
		putBacklog(leader.source(), this.backlogs.latest(leader.source()), details);
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

	// the relay's own account and, when it wraps one, the cause that names what to fix
	// (an ACL Kafka refused, a server out of reach)
	static String describe(Throwable error) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
		String message = String.valueOf(error.getMessage());
		return (cause == error) ? message
				: message + "; caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
