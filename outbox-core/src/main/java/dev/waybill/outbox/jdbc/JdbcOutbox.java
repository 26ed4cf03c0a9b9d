package dev.waybill.outbox.jdbc;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.waybill.contract.WireContract;
import dev.waybill.outbox.Inbox;
import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.TraceparentSource;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.SmartLifecycle;

/**
 * Builds the JDBC outbox writer, inbox and retention job for a PostgreSQL
 * {@link DataSource}. The Spring Boot auto-configuration uses it; an application wiring
 * things by hand can too.
 *
 * <p>
 * Table names are put into SQL text, so they are checked against
 * {@link WireContract#TABLE_NAME_PATTERN} here: an unquoted identifier, optionally
 * qualified by a schema.
 */
public final class JdbcOutbox {

	private JdbcOutbox() {
	}

	/**
	 * Creates an outbox writer.
	 * @param dataSource the data source whose transactions the events join
	 * @param objectMapper the mapper that serialises payloads
	 * @param traces where the trace context comes from
	 * @param clock the clock for {@code occurred_at}
	 * @param table the outbox table
	 * @param cleanup the cleanup mode; only {@link OutboxCleanup#DELETE_AFTER_INSERT}
	 * changes what the writer does
	 * @return the writer
	 * @throws IllegalArgumentException when the table name is not a safe identifier
	 */
	public static OutboxWriter writer(DataSource dataSource, ObjectMapper objectMapper, TraceparentSource traces,
			Clock clock, String table, OutboxCleanup cleanup) {
		return new JdbcOutboxWriter(dataSource, new PayloadSerializer(objectMapper), traces, clock,
				requireTableName(table), cleanup == OutboxCleanup.DELETE_AFTER_INSERT);
	}

	/**
	 * Creates an inbox.
	 * @param dataSource the data source whose transactions the receipts join
	 * @param table the table of processed event ids
	 * @return the inbox
	 * @throws IllegalArgumentException when the table name is not a safe identifier
	 */
	public static Inbox inbox(DataSource dataSource, String table) {
		return new JdbcInbox(dataSource, requireTableName(table));
	}

	/**
	 * Creates the job that deletes outbox rows older than the retention period; it runs
	 * every {@code interval} once started. A row the relay has not marked published is
	 * deleted only when a log-reading relay is recorded for the table.
	 * @param dataSource the data source of the outbox table
	 * @param clock the clock the retention is measured with
	 * @param table the outbox table
	 * @param retention how long rows are kept
	 * @param interval the pause between runs
	 * @param batchSize the most rows one statement deletes
	 * @return the job, as a lifecycle to start and stop
	 * @throws IllegalArgumentException when an argument is out of range
	 */
	public static SmartLifecycle retentionJob(DataSource dataSource, Clock clock, String table, Duration retention,
			Duration interval, int batchSize) {
		requirePositive("retention", retention);
		requirePositive("interval", interval);
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
		return new RetentionJob(dataSource, clock, requireTableName(table), retention, interval, batchSize);
	}

	static String requireTableName(String table) {
		return WireContract.requireTableName(table);
	}

	private static void requirePositive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero() || duration.toMillis() < 1) {
			throw new IllegalArgumentException(name + " must be at least 1ms, was " + duration);
		}
	}

}
