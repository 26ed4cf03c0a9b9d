package dev.waybill.relay.capture.log;

import java.util.List;

import dev.waybill.relay.Source;
import dev.waybill.relay.capture.CaptureRecord;
import dev.waybill.relay.capture.Preflight;
import dev.waybill.relay.capture.PreflightException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What log capture checks before it starts, beyond the shared {@link Preflight}: logical
 * decoding is on, the role may replicate, no other process holds the slot; then it
 * prepares the source's publication ({@link OutboxPublication}). It records itself only
 * once it holds its boundary ({@link LogBoundary}).
 */
final class LogPreflight {

	private static final String WAL_LEVEL = """
			SELECT current_setting('wal_level')
			""";

	private static final String MAY_REPLICATE = """
			SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user
			""";

	private static final String SLOT_HOLDER = """
			SELECT active_pid FROM pg_replication_slots
			WHERE slot_name = ? AND active AND active_pid IS DISTINCT FROM pg_backend_pid()
			""";

	private LogPreflight() {
	}

	static void check(Source source, JdbcTemplate jdbc) {
		checkWalLevel(source, jdbc);
		checkReplicationPrivilege(source, jdbc);
		Preflight.checkTable(source, jdbc);
		checkSlotIsFree(source, jdbc);
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

	private static void checkSlotIsFree(Source source, JdbcTemplate jdbc) {
		List<Integer> holders = jdbc.queryForList(SLOT_HOLDER, Integer.class, source.slot());
		if (!holders.isEmpty()) {
			throw new PreflightException("Source '" + source.name() + "': replication slot '" + source.slot()
					+ "' is in use by another process (pid " + holders.get(0)
					+ "): stop the other relay, or give this source its own slot-name");
		}
	}

}
