package dev.waybill.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A test's own service database with the reference outbox table, and ways to commit
 * outbox rows to it as a service would.
 */
public final class OutboxDatabase {

	private static final String INSERT = """
			INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, aggregate_version,
			                          occurred_at, traceparent)
			VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
			""";

	private static final String DELETE = """
			DELETE FROM outbox_event WHERE id = ?
			""";

	private static final String STORED_PAYLOAD = """
			SELECT payload::text FROM outbox_event WHERE id = ?
			""";

	private static final String PUBLISHED_OPERATIONS = """
			SELECT pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication WHERE pubname = ?
			""";

	private static final String PUBLISHED_TABLES = """
			SELECT format('%I.%I', schemaname, tablename) FROM pg_publication_tables WHERE pubname = ?
			ORDER BY 1
			""";

	private final EmbeddedStack stack;

	private final ServiceDatabase database;

	private OutboxDatabase(EmbeddedStack stack, ServiceDatabase database) {
		this.stack = stack;
		this.database = database;
	}

	/**
	 * Creates a fresh database with the reference DDL of outbox-core.
	 * @param stack the stack
	 * @param prefix the start of the database name
	 * @return the database
	 */
	public static OutboxDatabase create(EmbeddedStack stack, String prefix) {
		OutboxDatabase outbox = new OutboxDatabase(stack, stack.createDatabase(prefix));
		outbox.execute(referenceDdl());
		return outbox;
	}

	public ServiceDatabase database() {
		return this.database;
	}

	public String name() {
		return this.database.name();
	}

	public int port() {
		return this.stack.postgres().port();
	}

	/** One event to insert. */
	public record Row(UUID id, String aggregateType, String aggregateId, String type, String payload, long version,
			@Nullable String traceparent) {

		public static Row of(String aggregateType, String aggregateId, long version) {
			return new Row(UUID.randomUUID(), aggregateType, aggregateId, "Happened",
					"{\"aggregate\": \"" + aggregateId + "\", \"version\": " + version + "}", version, null);
		}

	}

	/**
	 * Commits the rows in one transaction.
	 * @param rows the rows
	 */
	public void commit(List<Row> rows) {
		inTransaction(rows, true);
	}

	/**
	 * Inserts the rows and deletes them again in one transaction, as a service whose
	 * outbox cleanup is {@code delete-after-insert} does.
	 * @param rows the rows
	 */
	public void commitDeletedRightAfterInsert(List<Row> rows) {
		try (Connection connection = connect(); PreparedStatement delete = connection.prepareStatement(DELETE)) {
			connection.setAutoCommit(false);
			insert(connection, rows);
			for (Row row : rows) {
				delete.setObject(1, row.id());
				delete.addBatch();
			}
			delete.executeBatch();
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Inserts the rows in one transaction and rolls it back.
	 * @param rows the rows
	 */
	public void rollBack(List<Row> rows) {
		inTransaction(rows, false);
	}

	/**
	 * @param id an event id
	 * @return the payload as PostgreSQL stores and prints it (jsonb normalises the text)
	 */
	public String storedPayload(UUID id) {
		try (Connection connection = connect();
				PreparedStatement select = connection.prepareStatement(STORED_PAYLOAD)) {
			select.setObject(1, id);
			try (ResultSet result = select.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param publication a publication in this database
	 * @return its {@code pg_publication} flags ({@code pubinsert}, {@code pubupdate},
	 * {@code pubdelete}, {@code pubtruncate}); empty when it does not exist
	 */
	public Map<String, Object> publishedOperations(String publication) {
		List<Map<String, Object>> found = jdbc().queryForList(PUBLISHED_OPERATIONS, publication);
		return found.isEmpty() ? Map.of() : found.get(0);
	}

	/**
	 * @param publication a publication in this database
	 * @return the schema-qualified tables it publishes, in order
	 */
	public List<String> publishedTables(String publication) {
		return jdbc().queryForList(PUBLISHED_TABLES, String.class, publication);
	}

	/**
	 * @return the server's current write-ahead log position, in bytes
	 */
	public long currentWalPosition() {
		return jdbc().queryForObject("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", Long.class);
	}

	/**
	 * @return how far this database's replication slot has confirmed the log, in bytes
	 */
	public long confirmedSlotPosition() {
		return jdbc().queryForObject("""
				SELECT (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint
				FROM pg_replication_slots
				WHERE database = current_database()
				""", Long.class);
	}

	/**
	 * Drops this database's replication slots that no relay holds: a log relay's slot
	 * outlives it and keeps WAL, and each run of a test or benchmark makes one.
	 */
	public void dropIdleReplicationSlots() {
		this.stack.postgres().execute(this.database.name(), """
				SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
				WHERE database = current_database() AND NOT active
				""");
	}

	/**
	 * Runs statements as the database owner, each in its own transaction.
	 * @param statements SQL
	 */
	public void execute(String... statements) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return a connection as the database owner
	 * @throws SQLException when it fails
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.stack.jdbcUrl(this.database), this.database.user(),
				this.database.password());
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(new DriverManagerDataSource(this.stack.jdbcUrl(this.database), this.database.user(),
				this.database.password()));
	}

	private void inTransaction(List<Row> rows, boolean commit) {
		try (Connection connection = connect()) {
			connection.setAutoCommit(false);
			insert(connection, rows);
			if (commit) {
				connection.commit();
			}
			else {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Inserts rows on a connection in the caller's transaction.
	 * @param connection the connection
	 * @param rows the rows
	 * @throws SQLException when it fails
	 */
	public static void insert(Connection connection, List<Row> rows) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			for (Row row : rows) {
				insert.setObject(1, row.id());
				insert.setString(2, row.aggregateType());
				insert.setString(3, row.aggregateId());
				insert.setString(4, row.type());
				insert.setString(5, row.payload());
				insert.setLong(6, row.version());
				insert.setTimestamp(7, Timestamp.from(Instant.now()));
				insert.setString(8, row.traceparent());
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private static String referenceDdl() {
		try (InputStream ddl = OutboxDatabase.class.getResourceAsStream("/dev/waybill/outbox/schema-postgresql.sql")) {
			if (ddl == null) {
				throw new IllegalStateException("outbox-core's reference DDL is not on the classpath");
			}
			return new String(ddl.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
