package dev.waybill.relay.capture.log;

import dev.waybill.relay.Source;
import dev.waybill.relay.capture.CaptureRecord;
import dev.waybill.relay.capture.Preflight;
import dev.waybill.relay.capture.PreflightException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What log capture checks before it starts, beyond the shared {@link Preflight}: logical
 * decoding is on, the role may replicate; then it prepares the source's publication
 * ({@link OutboxPublication}). It records itself only once it holds its boundary
 * ({@link LogBoundary}). Another relay instance reading the slot is no fault: this one
 * stands by, and ends that reader only once it leads the source.
 */
final class LogPreflight {

	private static final String WAL_LEVEL = """
			SELECT current_setting('wal_level')
			""";

	private static final String MAY_REPLICATE = """
			SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user
			""";

	private LogPreflight() {
	}

	static void check(Source source, JdbcTemplate jdbc) {
		checkWalLevel(source, jdbc);
		checkReplicationPrivilege(source, jdbc);
		Preflight.checkTable(source, jdbc);
		OutboxPublication.ensure(source, jdbc);
		CaptureRecord.checkTable(source, jdbc);
	}

	private static void checkWalLevel(Source source, JdbcTemplate jdbc) {
		String walLevel = jdbc.queryForObject(WAL_LEVEL, String.class);
		if (!"logical".equals(walLevel)) {
			throw new PreflightException("Source '" + source.name() + "': wal_level is '" + walLevel
					+ "' but must be 'logical' for logical decoding: set wal_level = logical in postgresql.conf"
					+ " and restart PostgreSQL");
		}
	}

	private static void checkReplicationPrivilege(Source source, JdbcTemplate jdbc) {
		Boolean mayReplicate = jdbc.queryForObject(MAY_REPLICATE, Boolean.class);
		if (!Boolean.TRUE.equals(mayReplicate)) {
			throw new PreflightException("Source '" + source.name() + "': role '" + source.username()
					+ "' lacks the REPLICATION privilege: ALTER ROLE \"" + source.username()
					+ "\" REPLICATION, or configure a role that has it");
		}
	}

}
