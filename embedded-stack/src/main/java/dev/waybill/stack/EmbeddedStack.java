package dev.waybill.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL and Kafka together, with the service databases and their roles created.
 *
 * <p>
 * Starting is idempotent: roles and databases that exist already are left as they are, so
 * a stack on a kept directory starts again with its data.
 */
public final class EmbeddedStack implements AutoCloseable {

	private static final String DATABASE_EXISTS = """
			SELECT 1 FROM pg_database WHERE datname = ?
			""";

	private final StackSettings settings;

	private final PostgresServer postgres;

	private final KafkaBroker kafka;

	private final @Nullable StackSecrets secrets;

	/**
	 * Creates a stack that is not started yet.
	 * @param settings directory and ports
	 */
	public EmbeddedStack(StackSettings settings) {
		this(settings, Map.of());
	}

	/**
	 * Creates a stack that is not started yet, its PostgreSQL with settings of its own.
	 * @param settings directory and ports
	 * @param postgresConfiguration further server settings of PostgreSQL, such as
	 * {@code ssl} and {@code hba_file}
	 */
	public EmbeddedStack(StackSettings settings, Map<String, String> postgresConfiguration) {
		this(settings, postgresConfiguration, null);
	}

	/**
	 * Creates a secured stack that is not started yet: PostgreSQL takes the roles over
	 * TLS only, each with the password the secrets hold for it. The broker stays as it
	 * is; give its node a {@link SaslSslListener} for secured clients.
	 * @param settings directory and ports
	 * @param secrets the certificates and passwords, made with
	 * {@link StackSecrets#prepare}
	 */
	public EmbeddedStack(StackSettings settings, StackSecrets secrets) {
		this(settings, secrets.postgresConfiguration(), secrets);
	}

	private EmbeddedStack(StackSettings settings, Map<String, String> postgresConfiguration,
			@Nullable StackSecrets secrets) {
		this.settings = settings;
		this.postgres = new PostgresServer(settings.postgresPort(), settings.postgresDirectory(),
				postgresConfiguration);
		this.kafka = new KafkaBroker(settings.kafkaPort(), settings.controllerPort(), settings.kafkaDirectory());
		this.secrets = secrets;
	}

	/**
	 * Starts PostgreSQL and Kafka and prepares the service databases.
	 * @return this stack
	 */
	public EmbeddedStack start() {
		startPostgres();
		this.kafka.start();
		return this;
	}

	/**
	 * Starts PostgreSQL alone and prepares the service databases: {@code orders} and
	 * {@code inventory} are reached by their owners and the relay's role alone, which
	 * holds nothing in them until the relay's privileges are granted on their outbox
	 * tables ({@code relay-privileges.sql}, once the services created them).
	 * @return this stack
	 */
	public EmbeddedStack startPostgres() {
		this.postgres.start();
		this.postgres.execute("postgres", roleStatement(ServiceDatabase.RELAY_USER,
				password(ServiceDatabase.RELAY_USER, ServiceDatabase.RELAY_PASSWORD), "REPLICATION"));
		createIsolatedDatabase(withStackPassword(ServiceDatabase.ORDERS));
		createIsolatedDatabase(withStackPassword(ServiceDatabase.INVENTORY));
		return this;
	}

	/**
	 * Creates a database owned by a new role, and lets the relay role act for it as a
	 * member of that role: brief for tests' own databases, never least privilege.
	 * @param database the database, its owner and password
	 * @return the database
	 */
	public ServiceDatabase createDatabase(ServiceDatabase database) {
		createOwnedDatabase(database);
		this.postgres.execute("postgres",
				"GRANT \"%s\" TO \"%s\"".formatted(database.user(), ServiceDatabase.RELAY_USER));
		return database;
	}

	// Only the owner and the relay connect; the relay is no member of the owner (a stack
	// on the data of an earlier one made it one)
	private void createIsolatedDatabase(ServiceDatabase database) {
		createOwnedDatabase(database);
		this.postgres.execute("postgres",
				"REVOKE \"%s\" FROM \"%s\"".formatted(database.user(), ServiceDatabase.RELAY_USER),
				"REVOKE CONNECT, TEMPORARY ON DATABASE \"%s\" FROM PUBLIC".formatted(database.name()),
				"GRANT CONNECT ON DATABASE \"%s\" TO \"%s\"".formatted(database.name(), ServiceDatabase.RELAY_USER));
	}

	private void createOwnedDatabase(ServiceDatabase database) {
		this.postgres.execute("postgres", roleStatement(database.user(), database.password(), ""));
		if (!databaseExists(database.name())) {
			this.postgres.execute("postgres",
					"CREATE DATABASE \"%s\" OWNER \"%s\"".formatted(database.name(), database.user()));
		}
	}

	/**
	 * Creates a database with a unique name, for a test that wants one of its own.
	 * @param prefix the start of the name
	 * @return the new database
	 */
	public ServiceDatabase createDatabase(String prefix) {
		String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		return createDatabase(new ServiceDatabase(name, name, name));
	}

	/**
	 * @return the PostgreSQL server
	 */
	public PostgresServer postgres() {
		return this.postgres;
	}

	/**
	 * @return the Kafka broker
	 */
	public KafkaBroker kafka() {
		return this.kafka;
	}

	/**
	 * @return the settings this stack runs with
	 */
	public StackSettings settings() {
		return this.settings;
	}

	/**
	 * @param database a database of this stack
	 * @return its JDBC URL
	 */
	public String jdbcUrl(ServiceDatabase database) {
		return this.postgres.jdbcUrl(database.name());
	}

	/**
	 * @return the Kafka {@code bootstrap.servers} value
	 */
	public String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	@Override
	public void close() {
		try {
			this.kafka.close();
		}
		finally {
			this.postgres.close();
		}
	}

	/**
	 * Closes the stack and deletes its directory, for stacks that were only ever
	 * temporary.
	 */
	public void discard() {
		close();
		Directories.delete(this.settings.directory());
	}

	private ServiceDatabase withStackPassword(ServiceDatabase database) {
		return new ServiceDatabase(database.name(), database.user(), password(database.user(), database.password()));
	}

	private String password(String user, String unsecured) {
		return (this.secrets != null) ? this.secrets.password(user) : unsecured;
	}

	private boolean databaseExists(String name) {
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl("postgres"),
				PostgresServer.SUPERUSER, "");
				PreparedStatement statement = connection.prepareStatement(DATABASE_EXISTS)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not look up database " + name, ex);
		}
	}

	private static String roleStatement(String user, String password, String attributes) {
		return """
				DO $$ BEGIN
				  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
				    CREATE ROLE "%1$s" LOGIN PASSWORD '%2$s' %3$s;
				  ELSE
				    ALTER ROLE "%1$s" PASSWORD '%2$s';
				  END IF;
				END $$""".formatted(user, password, attributes);
	}

}
