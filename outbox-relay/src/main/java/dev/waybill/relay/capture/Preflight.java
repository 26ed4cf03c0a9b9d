package dev.waybill.relay.capture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.waybill.outbox.OutboxCapture;
import dev.waybill.outbox.WireContract;
import dev.waybill.relay.RelayProperties.Source;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The checks that run before any engine starts, so that a misconfigured relay fails at
 * startup with a message that names the source and the fix, instead of deep in a
 * connector stack trace. Log capture then prepares the source's publication
 * ({@link OutboxPublication}) and records itself only once it holds its boundary
 * ({@link LogBoundary}); polling records itself here ({@link CaptureRecord}), unless the
 * table was captured from the log, which polling cannot take over.
 */
final class Preflight {

	private static final String WAL_LEVEL = """
			SELECT current_setting('wal_level')
			""";

	private static final String MAY_REPLICATE = """
			SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user
			""";

	private static final String TABLE_EXISTS = """
			SELECT to_regclass(?) IS NOT NULL
			""";

	private static final String POLLING_COLUMNS = """
			SELECT attname FROM pg_attribute
			WHERE attrelid = ?::regclass AND attname IN ('sequence_number', 'published_at') AND NOT attisdropped
			""";

	private static final String MAY_USE = """
			SELECT bool_and(has_table_privilege(?, privilege)) FROM unnest(?::text[]) AS privilege
			""";

	private static final String SLOT_HOLDER = """
			SELECT active_pid FROM pg_replication_slots
			WHERE slot_name = ? AND active AND active_pid IS DISTINCT FROM pg_backend_pid()
			""";

	private Preflight() {
	}

	/**
	 * @param timeout how long the broker may take to answer, the producer's request
	 * timeout: a relay that starts before its broker waits no longer than its producer
	 * would
	 */
	static void checkBroker(String bootstrapServers, Duration timeout) {
		int millis = (int) timeout.toMillis();
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				millis);
		try (Admin admin = Admin.create(config)) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
				.nodes()
				.get(millis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PreflightException(
					"Kafka is unreachable at waybill.relay.bootstrap-servers=" + bootstrapServers
							+ " (no answer within " + timeout.toMillis()
							+ " ms, waybill.relay.producer.request-timeout):" + " start the broker or fix the address",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PreflightException("Interrupted while reaching Kafka at " + bootstrapServers, ex);
		}
	}

	static void checkSource(Source source, OutboxCapture capture) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(source.connectionUrl(),
				source.username(), source.password(), true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			if (capture == OutboxCapture.LOG) {
				checkWalLevel(source, jdbc);
				checkReplicationPrivilege(source, jdbc);
				checkTable(source, jdbc);
				checkSlotIsFree(source, jdbc);
				OutboxPublication.ensure(source, jdbc);
				CaptureRecord.checkTable(source, jdbc);
			}
			else {
				checkTable(source, jdbc);
				checkPollingColumns(source, jdbc);
				checkMayReadAndMark(source, jdbc);
				CaptureRecord.checkTable(source, jdbc);
				checkNotLogCaptured(source, jdbc);
				CaptureRecord.recordPolling(source, jdbc);
			}
		}
		catch (DataAccessException ex) {
			throw new PreflightException("Source '" + source.name() + "': cannot query " + source.connectionUrl()
					+ " as " + source.username() + ": " + ex.getMostSpecificCause().getMessage(), ex);
		}
		finally {
			dataSource.destroy();
		}
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

	/**
	 * @return whether the table, optionally schema-qualified, exists
	 */
	static boolean tableExists(JdbcTemplate jdbc, String table) {
		return Boolean.TRUE.equals(jdbc.queryForObject(TABLE_EXISTS, Boolean.class, table));
	}

	/**
	 * @return whether the current role holds every one of the privileges on the table
	 */
	static boolean mayUse(JdbcTemplate jdbc, String table, String... privileges) {
		return Boolean.TRUE
			.equals(jdbc.queryForObject(MAY_USE, Boolean.class, table, "{" + String.join(",", privileges) + "}"));
	}

	private static void checkTable(Source source, JdbcTemplate jdbc) {
		if (!tableExists(jdbc, source.table())) {
			throw new PreflightException("Source '" + source.name() + "': outbox table '" + source.table()
					+ "' does not exist in database '" + source.resolvedDatabase()
					+ "': create it (see dev/waybill/outbox/schema-postgresql.sql) or fix the table setting");
		}
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
		if (!mayUse(jdbc, source.table(), "SELECT", "UPDATE")) {
			throw new PreflightException("Source '" + source.name() + "': role '" + source.username()
					+ "' may not SELECT and UPDATE " + source.table() + ", which polling needs to read rows and mark"
					+ " them published: GRANT SELECT, UPDATE ON " + source.table() + " TO \"" + source.username()
					+ "\"");
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

	private static void checkSlotIsFree(Source source, JdbcTemplate jdbc) {
		List<Integer> holders = jdbc.queryForList(SLOT_HOLDER, Integer.class, source.slot());
		if (!holders.isEmpty()) {
			throw new PreflightException("Source '" + source.name() + "': replication slot '" + source.slot()
					+ "' is in use by another process (pid " + holders.get(0)
					+ "): stop the other relay, or give this source its own slot-name");
		}
	}

}
