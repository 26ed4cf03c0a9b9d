package dev.waybill.relay.capture.polling;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.waybill.relay.Source;
import dev.waybill.relay.publish.OutboxRow;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link PollingSession} on one JDBC connection, because the advisory lock belongs to
 * the database session: a pool could hand the statements to a connection that does not
 * hold it.
 */
// Over 200 lines for its SQL: every statement the poller runs on its session is here, so
// that the lock and the statements that depend on it are read together
final class JdbcPollingSession implements PollingSession {

	private static final Logger log = LoggerFactory.getLogger(JdbcPollingSession.class);

	// "WBLY": the lock's first key, so that it cannot collide with an application's
	// single-key advisory locks; the second key is the table name's hash
	private static final int LOCK_SPACE = 0x57424C59;

	private static final String TRY_LOCK = """
			SELECT pg_try_advisory_lock(?, hashtext(?))
			""";

	private static final String LOCK_HOLDER = """
			SELECT pid FROM pg_locks
			WHERE locktype = 'advisory' AND granted AND classid = ?::int4::oid AND objid = hashtext(?)::oid
			  AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
			""";

	private static final String LOCK_UNPUBLISHED = """
			SELECT sequence_number, id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at,
			       traceparent
			FROM %s
			WHERE published_at IS NULL
			ORDER BY sequence_number
			LIMIT ?
			FOR UPDATE SKIP LOCKED
			""";

	private static final String LOCK_UNPUBLISHED_AMONG = """
			SELECT sequence_number, id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at,
			       traceparent
			FROM %s
			WHERE published_at IS NULL AND sequence_number = ANY (?)
			ORDER BY sequence_number
			FOR UPDATE
			""";

	private static final String UNPUBLISHED = """
			SELECT sequence_number FROM %s WHERE published_at IS NULL ORDER BY sequence_number
			""";

	private static final String MARK_PUBLISHED = """
			UPDATE %s SET published_at = now()
			WHERE sequence_number = ANY (?) AND published_at IS NULL
			""";

	private final Source source;

	private final Connection connection;

	private final String lockUnpublished;

	private final String markPublished;

	private JdbcPollingSession(Source source, Connection connection) {
		this.source = source;
		this.connection = connection;
		this.lockUnpublished = LOCK_UNPUBLISHED.formatted(source.table());
		this.markPublished = MARK_PUBLISHED.formatted(source.table());
	}

	/**
	 * Connects and takes the source's polling lock.
	 * @throws IllegalStateException when another session holds the lock, naming it
	 * @throws SQLException when the database cannot be reached
	 */
	static PollingSession open(Source source) throws SQLException {
		// named, so that pg_stat_activity and the lock holder's pid point at the relay. A
		// statement here takes milliseconds; a connection that hangs must fail the run
		// (which restarts) rather than stall it with health still saying streaming
		Connection connection = source.connect(source.name(), Duration.ofSeconds(60));
		try {
			JdbcPollingSession session = new JdbcPollingSession(source, connection);
			session.lock();
			connection.setAutoCommit(false);
			return session;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	@Override
	public List<PolledRow> lockUnpublished(int limit) throws SQLException {
		try (PreparedStatement select = this.connection.prepareStatement(this.lockUnpublished)) {
			select.setInt(1, limit);
			return rows(select);
		}
	}

	private static List<PolledRow> rows(PreparedStatement select) throws SQLException {
		try (ResultSet result = select.executeQuery()) {
			boolean typedAsJson = isJsonType(result.getMetaData().getColumnTypeName(6));
			List<PolledRow> rows = new ArrayList<>();
			while (result.next()) {
				rows.add(new PolledRow(result.getLong(1), rowOf(result, typedAsJson)));
			}
			return rows;
		}
	}

	@Override
	public List<PolledRow> lockUnpublished(List<Long> sequenceNumbers) throws SQLException {
		try (PreparedStatement select = this.connection
			.prepareStatement(LOCK_UNPUBLISHED_AMONG.formatted(this.source.table()))) {
			select.setArray(1, this.connection.createArrayOf("bigint", sequenceNumbers.toArray()));
			return rows(select);
		}
	}

	@Override
	public List<Long> unpublishedIn(String snapshot) throws SQLException {
		this.connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		try (Statement statement = this.connection.createStatement()) {
			// the snapshot's name is PostgreSQL's, never the user's: hex digits and
			// dashes
			statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
			List<Long> sequenceNumbers = new ArrayList<>();
			try (ResultSet result = statement.executeQuery(UNPUBLISHED.formatted(this.source.table()))) {
				while (result.next()) {
					sequenceNumbers.add(result.getLong(1));
				}
			}
			this.connection.commit();
			return sequenceNumbers;
		}
		catch (SQLException ex) {
			rollBack();
			throw ex;
		}
		finally {
			this.connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		}
	}

	@Override
	public int markPublished(List<Long> sequenceNumbers) throws SQLException {
		if (sequenceNumbers.isEmpty()) {
			return 0;
		}
		try (PreparedStatement update = this.connection.prepareStatement(this.markPublished)) {
			Array numbers = this.connection.createArrayOf("bigint", sequenceNumbers.toArray());
			update.setArray(1, numbers);
			return update.executeUpdate();
		}
	}

	@Override
	public void commit() throws SQLException {
		this.connection.commit();
	}

	@Override
	public void rollBack() {
		try {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is gone: the database rolled the transaction back
		}
	}

	@Override
	public void close() {
		try {
			// closing the session releases the lock
			this.connection.close();
		}
		catch (SQLException ex) {
			// already closed by a failure
		}
	}

	/**
	 * Ends the session of an earlier leader's poller that still holds the source's
	 * polling lock, so that this instance's poller can take it.
	 * @param source the source, which this instance now leads
	 * @param jdbc a connection to its database, as the relay's role, which may end its
	 * own role's sessions
	 */
	static void evictPoller(Source source, JdbcTemplate jdbc) {
		List<Integer> holders = jdbc.query(LOCK_HOLDER, (row, number) -> row.getInt(1), LOCK_SPACE, source.table());
		for (int pid : holders) {
			if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid))) {
				log.warn("Source '{}': ended the session of pid {} that still polled {}, an earlier leader's",
						source.name(), pid, source.table());
			}
		}
	}

	private void lock() throws SQLException {
		try (PreparedStatement tryLock = this.connection.prepareStatement(TRY_LOCK)) {
			tryLock.setInt(1, LOCK_SPACE);
			tryLock.setString(2, this.source.table());
			try (ResultSet result = tryLock.executeQuery()) {
				if (result.next() && result.getBoolean(1)) {
					return;
				}
			}
		}
		throw new IllegalStateException("Source '" + this.source.name() + "': another relay (pid " + lockHolder()
				+ ") is polling " + this.source.table() + " in database '" + this.source.resolvedDatabase()
				+ "': one poller per outbox keeps each aggregate's events in order; stop the other relay");
	}

	private @Nullable Integer lockHolder() throws SQLException {
		try (PreparedStatement holder = this.connection.prepareStatement(LOCK_HOLDER)) {
			holder.setInt(1, LOCK_SPACE);
			holder.setString(2, this.source.table());
			try (ResultSet result = holder.executeQuery()) {
				return result.next() ? result.getInt(1) : null;
			}
		}
	}

	private static OutboxRow rowOf(ResultSet result, boolean typedAsJson) throws SQLException {
		OffsetDateTime occurredAt = result.getObject(8, OffsetDateTime.class);
		return new OutboxRow(result.getString(2), result.getString(3), result.getString(4), result.getString(5),
				result.getString(6), typedAsJson, result.getString(7),
				(occurredAt != null) ? occurredAt.toInstant().toString() : null, result.getString(9));
	}

	private static boolean isJsonType(String typeName) {
		return "jsonb".equals(typeName) || "json".equals(typeName);
	}

}
