package dev.waybill.relay.capture.polling;

import java.util.List;

import dev.waybill.contract.WireContract;
import dev.waybill.relay.Source;
import dev.waybill.relay.capture.CaptureRecord;
import dev.waybill.relay.capture.Preflight;
import dev.waybill.relay.capture.PreflightException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What polling checks before it starts, beyond the shared {@link Preflight}: the table
 * has the columns polling needs, the role may read and mark rows, and the table was not
 * captured from the log, which polling cannot take over. Then polling records itself
 * ({@link CaptureRecord}).
 */
final class PollingPreflight {

	private static final String POLLING_COLUMNS = """
			SELECT attname FROM pg_attribute
			WHERE attrelid = ?::regclass AND attname IN ('sequence_number', 'published_at') AND NOT attisdropped
			""";

	private PollingPreflight() {
	}

	static void check(Source source, JdbcTemplate jdbc) {
		Preflight.checkTable(source, jdbc);
		checkPollingColumns(source, jdbc);
		checkMayReadAndMark(source, jdbc);
		CaptureRecord.checkTable(source, jdbc);
		checkNotLogCaptured(source, jdbc);
		CaptureRecord.recordPolling(source, jdbc);
	}

	private static void checkPollingColumns(Source source, JdbcTemplate jdbc) {
		List<String> columns = jdbc.queryForList(POLLING_COLUMNS, String.class, source.table());
		if (columns.size() < 2) {
			throw new PreflightException("Source '" + source.name() + "': polling needs the columns sequence_number"
					+ " and published_at in " + source.table() + ", which has " + columns
					+ ": add them as the reference DDL does (dev/waybill/outbox/schema-postgresql.sql)");
		}
	}

	private static void checkMayReadAndMark(Source source, JdbcTemplate jdbc) {
		if (!Preflight.mayUse(jdbc, source.table(), "SELECT")
				|| !Preflight.mayUpdate(jdbc, source.table(), WireContract.COLUMN_PUBLISHED_AT)) {
			throw new PreflightException("Source '" + source.name() + "': role '" + source.username()
					+ "' may not SELECT " + source.table() + " and UPDATE its published_at, which polling needs to"
					+ " read rows and mark them published: " + Preflight.readAndMarkGrant(source));
		}
	}

	/**
	 * Log capture never marks rows published: a poller started on a table it captured
	 * would publish again every row still retained, and the rows the slot still holds
	 * would be published twice or, once the slot is dropped, not at all.
	 */
	private static void checkNotLogCaptured(Source source, JdbcTemplate jdbc) {
		CaptureRecord recorded = CaptureRecord.read(source, jdbc);
		if (recorded != null && recorded.isLog()) {
			throw new PreflightException("Source '" + source.name() + "': " + source.table()
					+ " is captured from the write-ahead log (slot '" + recorded.slot() + "'), which never marks rows"
					+ " published, so polling it now would publish its retained rows again. To switch to polling:"
					+ " stop the services' writes to it, let the log-capture relay publish what the slot holds (its"
					+ " health shows lagBytes near 0), stop that relay, then, in one transaction, UPDATE "
					+ source.table() + " SET published_at = now() WHERE published_at IS NULL and DELETE FROM "
					+ WireContract.captureTableBeside(source.table()) + " WHERE outbox_table = '" + source.table()
					+ "'::regclass; drop the slot (SELECT pg_drop_replication_slot('" + recorded.slot()
					+ "')) and start the relay with waybill.relay.capture=POLLING");
		}
	}

}
