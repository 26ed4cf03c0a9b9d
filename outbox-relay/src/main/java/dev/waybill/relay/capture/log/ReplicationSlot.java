package dev.waybill.relay.capture.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;

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

	private static final String FIND = """
			SELECT slot_name, database, confirmed_flush_lsn::text FROM pg_replication_slots
			WHERE slot_name = ? AND slot_type = 'logical'
			""";

	private static final String DROP = """
			SELECT pg_drop_replication_slot(?)
			""";

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
		Properties properties = new Properties();
		properties.setProperty("user", source.username());
		properties.setProperty("password", source.password());
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
