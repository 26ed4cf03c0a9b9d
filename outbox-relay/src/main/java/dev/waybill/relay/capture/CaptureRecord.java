package dev.waybill.relay.capture;

import dev.waybill.outbox.OutboxCapture;
import dev.waybill.outbox.WireContract;
import dev.waybill.relay.RelayProperties.Source;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records in the source database how the relay reads the outbox table, in the capture
 * table beside it, before the source starts. The services' cleanup reads it there to
 * decide whether a row not marked published may be deleted, so a service never has to be
 * told the relay's capture, and cannot be told wrong.
 */
final class CaptureRecord {

	private static final String RECORD = """
			INSERT INTO %s (outbox_table, capture, recorded_at) VALUES (?::regclass, ?, now())
			ON CONFLICT (outbox_table) DO UPDATE SET capture = EXCLUDED.capture, recorded_at = EXCLUDED.recorded_at
			""";

	private CaptureRecord() {
	}

	static void write(Source source, OutboxCapture capture, JdbcTemplate jdbc) {
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
		jdbc.update(RECORD.formatted(table), source.table(), capture.name());
	}

}
