package dev.waybill.relay.capture.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A source's logical replication slot as PostgreSQL reports it, and the creation of one
 * with the snapshot it exports.
 *
 * @param name the slot
 * @param database the database it decodes
 * @param confirmedFlush how far its consumer confirmed the log, as PostgreSQL prints an
 * LSN
 */
record ReplicationSlot(String name, String database, String confirmedFlush) {

	private static final Logger log = LoggerFactory.getLogger(ReplicationSlot.class);

	// a walsender that is told to end does so at its next check, within milliseconds
	private static final Duration EVICTION = Duration.ofSeconds(10);

	private static final String FIND = """
			SELECT slot_name, database, confirmed_flush_lsn::text FROM pg_replication_slots
			WHERE slot_name = ? AND slot_type = 'logical'
			""";

	private static final String DROP = """
			SELECT pg_drop_replication_slot(?)
			""";

	private static final String END_READER = """
			SELECT active_pid, pg_terminate_backend(active_pid) FROM pg_replication_slots
			WHERE slot_name = ? AND active AND active_pid IS DISTINCT FROM pg_backend_pid()
			""";

	private static final String ACTIVE = """
			SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active
			""";

	/**
	 * Ends the walsender that reads the source's slot, an earlier leader's, and waits
	 * until the slot is free: it admits one reader.
	 * @param source the source, which this instance now leads
	 * @param jdbc a connection to its database, as the relay's role, which may end its
	 * own role's sessions
	 */
	static void evictReader(Source source, JdbcTemplate jdbc) {
		List<Integer> ended = jdbc.query(END_READER, (row, number) -> row.getInt(1), source.slot());
		if (ended.isEmpty()) {
			return;
		}
		log.warn("Source '{}': ended the session of pid {} that still read slot '{}', an earlier leader's",
				source.name(), ended.get(0), source.slot());
		long deadline = System.nanoTime() + EVICTION.toNanos();
		while (Objects.requireNonNull(jdbc.queryForObject(ACTIVE, Integer.class, source.slot())) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Source '" + source.name() + "': slot '" + source.slot()
						+ "' is still read by another session " + EVICTION.toSeconds() + " s after it was ended");
			}
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a replication slot", ex);
		}
	}

	/**
	 * @return the slot, {@code null} when there is none of that name
	 */
	static @Nullable ReplicationSlot find(JdbcTemplate jdbc, String slot) {
		List<ReplicationSlot> found = jdbc.query(FIND,
				(row, number) -> new ReplicationSlot(row.getString(1), row.getString(2), row.getString(3)), slot);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * @param text an LSN as PostgreSQL prints it, {@code X/Y} in hexadecimal
	 * @return the position in bytes
	 */
	static long lsn(String text) {
		int slash = text.indexOf('/');
		return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
	}

	/**
	 * @return the position up to which the server has written its log
	 */
	static long currentWalLsn(JdbcTemplate jdbc) {
		return lsn(Objects.requireNonNull(jdbc.queryForObject("SELECT pg_current_wal_lsn()::text", String.class)));
	}

	static void drop(JdbcTemplate jdbc, String slot) {
		jdbc.queryForList(DROP, slot);
	}

	/**
	 * Creates the source's slot for pgoutput over a replication connection, which exports
	 * the snapshot of the slot's consistent point: it sees exactly the transactions that
	 * committed before the first one the slot decodes. The snapshot lives as long as the
	 * returned connection stays open and runs no other command.
	 * @return the new slot's consistent point and snapshot, with the connection that
	 * holds the snapshot
	 * @throws SQLException when the slot cannot be created
	 */
	static Created create(Source source) throws SQLException {
		Properties properties = source.connectionProperties();
		properties.setProperty("replication", "database");
		// the replication protocol takes simple queries only
		properties.setProperty("preferQueryMode", "simple");
		properties.setProperty("assumeMinServerVersion", "10");
		properties.setProperty("ApplicationName", "waybill-relay-" + source.name());
		// PostgreSQL 17 keeps a failover slot on its standbys; the option needs its
		// syntax
		String options = Boolean.parseBoolean(source.debezium().get("slot.failover"))
				? " (SNAPSHOT 'export', FAILOVER true)" : " EXPORT_SNAPSHOT";
		Connection connection = DriverManager.getConnection(source.connectionUrl(), properties);
		try (Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("CREATE_REPLICATION_SLOT \"" + source.slot() + "\" LOGICAL pgoutput" + options)) {
			result.next();
			return new Created(result.getString("consistent_point"), result.getString("snapshot_name"), connection);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * A slot just created.
	 *
	 * @param consistentPoint the first position the slot decodes, as PostgreSQL prints an
	 * LSN
	 * @param snapshot the exported snapshot's name, for {@code SET TRANSACTION SNAPSHOT}
	 * @param connection the replication connection that holds the snapshot; closing it
	 * ends the snapshot, not the slot
	 */
	record Created(String consistentPoint, String snapshot, Connection connection) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

}
