package dev.waybill.relay.capture;

import java.time.Instant;

import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * What one source had not published yet when it was last sampled
 * ({@link BacklogWatcher}). With log capture the slot's lag and the log it keeps; with
 * polling the rows not yet marked published. A value is {@code null} when it does not
 * apply or the sample failed.
 *
 * @param lagBytes WAL bytes from the slot's confirmed position to the server's current
 * one
 * @param retainedWalBytes WAL bytes the slot keeps on the server, from its restart
 * position
 * @param unpublishedRows rows of the outbox table not yet marked published
 * @param error why the sample failed, {@code null} when it did not
 * @param sampledAt when the sample was taken
 */
record Backlog(@Nullable Long lagBytes, @Nullable Long retainedWalBytes, @Nullable Long unpublishedRows,
		@Nullable String error, Instant sampledAt) {

	static Backlog failed(String error, Instant at) {
		return new Backlog(null, null, null, error, at);
	}

	static Backlog notSampled() {
		return failed("not sampled yet", Instant.EPOCH);
	}

	/**
	 * @param source the source sampled
	 * @param limit {@code slot-retention-warning}
	 * @return the warning when the slot keeps more log than the limit, else {@code null}
	 */
	@Nullable String retentionWarning(Source source, DataSize limit) {
		Long retained = this.retainedWalBytes;
		if (retained == null || retained <= limit.toBytes()) {
			return null;
		}
		return "slot '" + source.slot() + "' keeps " + DataSize.ofBytes(retained).toMegabytes()
				+ " MB of write-ahead log on the server, more than waybill.relay.slot-retention-warning ("
				+ limit.toMegabytes() + " MB): the database's disk fills while the relay is behind";
	}

}
