package dev.waybill.outbox.jdbc;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;

/**
 * What the relay recorded of how it reads an outbox table, as the SQL that decides what a
 * cleanup may delete. A row the relay has not marked published may go only when a
 * log-reading relay is recorded for its table: that relay has read it from the
 * write-ahead log, which keeps it whatever happens to the row. With a polling relay
 * recorded, or none yet, such a row is the only copy of its event.
 */
final class CaptureRecords {

	private static final String LOG_CAPTURE_RECORDED = """
			EXISTS (SELECT 1 FROM %s WHERE outbox_table = '%s'::regclass AND capture = '%s')""";

	private CaptureRecords() {
	}

	/**
	 * @param outboxTable a validated outbox table name, optionally schema-qualified
	 * @return an SQL condition, true when a log-reading relay is recorded for the table
	 */
	static String logCaptureRecorded(String outboxTable) {
		return LOG_CAPTURE_RECORDED.formatted(WireContract.captureTableBeside(outboxTable), outboxTable,
				OutboxCapture.LOG.name());
	}

}
