package dev.waybill.relay.capture;

import java.util.List;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;
import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the relay recorded in the source database of how it reads the outbox table, in the
 * capture table beside it. The services' cleanup reads it there to decide whether a row
 * not marked published may be deleted, so a service never has to be told the relay's
 * capture, and cannot be told wrong.
 *
 * <p>
 * A polling relay records {@code POLLING} when it starts. A log-reading relay records
 * {@code LOG} with its boundary only once the boundary holds ({@link LogBoundary}): its
 * slot exists, and every row committed before the slot's consistent point is published or
 * marked published. Before that, the cleanup keeps every unpublished row.
 *
 * @param capture the capture recorded
 * @param slot the slot a log-reading relay reads, {@code null} for polling, or for a log
 * capture recorded before boundaries were
 * @param boundary the slot's consistent point, as PostgreSQL prints an LSN, or
 * {@code null} as for {@code slot}
 */
public record CaptureRecord(OutboxCapture capture, @Nullable String slot, @Nullable String boundary) {

	private static final String READ = """
			SELECT capture, slot_name, boundary_lsn::text FROM %s WHERE outbox_table = ?::regclass
			""";

	private static final String RECORD = """
			INSERT INTO %s (outbox_table, capture, recorded_at, slot_name, boundary_lsn)
			VALUES (?::regclass, ?, now(), ?, ?::pg_lsn)
			ON CONFLICT (outbox_table) DO UPDATE SET capture = EXCLUDED.capture, recorded_at = EXCLUDED.recorded_at,
			    slot_name = EXCLUDED.slot_name, boundary_lsn = EXCLUDED.boundary_lsn
			""";

	private static final String FORGET = """
			DELETE FROM %s WHERE outbox_table = ?::regclass
			""";

	/**
	 * @return whether this records log capture
	 */
	public boolean isLog() {
		return this.capture == OutboxCapture.LOG;
	}

	/**
	 * Checks that the capture table exists and that the relay's role may read and write
	 * it.
	 * @throws PreflightException naming the fix when not
	 */
	public static void checkTable(Source source, JdbcTemplate jdbc) {
		String table = WireContract.captureTableBeside(source.table());
		if (!Preflight.tableExists(jdbc, table)) {
			throw new PreflightException("Source '" + source.name() + "': the capture table '" + table
					+ "' does not exist in database '" + source.resolvedDatabase() + "': create it as the reference DDL"
					+ " does (dev/waybill/outbox/schema-postgresql.sql); the services' cleanup reads the relay's"
					+ " capture there");
		}
		if (!Preflight.mayUse(jdbc, table, "SELECT", "INSERT", "UPDATE")) {
			throw new PreflightException("Source '" + source.name() + "': role '" + source.username()
					+ "' may not record its capture in " + table + ": GRANT SELECT, INSERT, UPDATE ON " + table
					+ " TO \"" + source.username() + "\"");
		}
	}

	/**
	 * @return what is recorded for the source's table, {@code null} when nothing is
	 */
	public static @Nullable CaptureRecord read(Source source, JdbcTemplate jdbc) {
		List<CaptureRecord> found = jdbc.query(READ.formatted(table(source)),
				(row, number) -> new CaptureRecord(OutboxCapture.valueOf(row.getString(1)), row.getString(2),
						row.getString(3)),
				source.table());
		return found.isEmpty() ? null : found.get(0);
	}

	public static void recordPolling(Source source, JdbcTemplate jdbc) {
		jdbc.update(RECORD.formatted(table(source)), source.table(), OutboxCapture.POLLING.name(), null, null);
	}

	/**
	 * Records that log capture is responsible for every row committed after the boundary.
	 * @param boundary the consistent point of the source's slot
	 */
	public static void recordLog(Source source, String boundary, JdbcTemplate jdbc) {
		jdbc.update(RECORD.formatted(table(source)), source.table(), OutboxCapture.LOG.name(), source.slot(), boundary);
	}

	/**
	 * Removes the record, so that the cleanup keeps every unpublished row until a
	 * boundary is recorded again.
	 */
	public static void forget(Source source, JdbcTemplate jdbc) {
		if (!Preflight.mayUse(jdbc, table(source), "DELETE")) {
			throw new PreflightException("Source '" + source.name() + "': role '" + source.username()
					+ "' may not remove the capture record of " + source.table() + " from " + table(source)
					+ ", which it must before it publishes the table again: GRANT DELETE ON " + table(source) + " TO \""
					+ source.username() + "\"");
		}
		jdbc.update(FORGET.formatted(table(source)), source.table());
	}

	private static String table(Source source) {
		return WireContract.captureTableBeside(source.table());
	}

}
