package dev.waybill.relay;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.waybill.contract.WireContract;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One database whose outbox table the relay reads.
 *
 * @param name the source's name; it names the engine, the offsets and the transactional
 * id, so renaming it starts from scratch
 * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL, instead of host,
 * port and database
 * @param host the database host
 * @param port the database port
 * @param database the database name
 * @param username a role with {@code REPLICATION} that may read the outbox table
 * @param password its password
 * @param table the schema-qualified outbox table
 * @param slotName the logical replication slot; {@code waybill_<name>} by default
 * @param publicationName the publication of the outbox table, publishing inserts only;
 * created when missing; {@code waybill_<name>} by default; lower-case letters, digits and
 * underscores, as pgoutput reads the name unquoted
 * @param debezium further Debezium PostgreSQL connector properties for this source's
 * engine (log capture only), such as {@code database.sslmode}: only the settings the
 * relay allows (TLS, timeouts, retries, queue, metrics, {@code slot.failover}); any other
 * is refused at startup
 * @param lostSlot what log capture does when the slot it recorded is gone
 * @param ssl TLS to the database, for every connection to it
 */
public record Source(@NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]+") String name, @Nullable String jdbcUrl,
		@Nullable String host, @DefaultValue("5432") int port, @Nullable String database, @NotBlank String username,
		@DefaultValue("") String password,
		@DefaultValue("public.outbox_event") @NotBlank @Pattern(regexp = WireContract.TABLE_NAME_PATTERN,
				message = "must be a table name such as public.outbox_event") String table,
		@Nullable String slotName, @Nullable String publicationName, @DefaultValue Map<String, String> debezium,
		@DefaultValue("REFUSE") RelayProperties.LostSlot lostSlot, @DefaultValue @Valid SourceSsl ssl) {

	/**
	 * Resolves the host, port and database from the URL when one is given, and the slot
	 * and publication names from the source name when they are not.
	 */
	public Source {
		if (jdbcUrl != null && !jdbcUrl.isBlank()) {
			if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
				throw new IllegalArgumentException("waybill.relay.sources[" + name
						+ "].jdbc-url must start with jdbc:postgresql://, was " + jdbcUrl);
			}
			URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
			host = uri.getHost();
			port = (uri.getPort() != -1) ? uri.getPort() : 5432;
			database = uri.getPath().substring(1);
		}
		if (host == null || host.isBlank() || database == null || database.isBlank()) {
			throw new IllegalArgumentException(
					"waybill.relay.sources[" + name + "] needs either jdbc-url or both host and database");
		}
		String defaultName = "waybill_" + String.valueOf(name).toLowerCase(Locale.ROOT).replace('-', '_');
		slotName = (slotName == null || slotName.isBlank()) ? defaultName : slotName;
		publicationName = (publicationName == null || publicationName.isBlank()) ? defaultName : publicationName;
		if (!publicationName.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("waybill.relay.sources[" + name + "].publication-name must be"
					+ " lower-case letters, digits and underscores, at most 63, not starting with a digit (pgoutput"
					+ " folds the name to lower case), was " + publicationName);
		}
	}

	/**
	 * @return the JDBC URL of this source
	 */
	public String connectionUrl() {
		return "jdbc:postgresql://" + resolvedHost() + ":" + this.port + "/" + resolvedDatabase();
	}

	/**
	 * Opens a plain connection of the relay's own to this source, one that a hung server
	 * fails rather than stalls.
	 * @param purpose names the connection in {@code pg_stat_activity}, after
	 * {@code waybill-relay-}
	 * @param socketTimeout the longest one statement may wait for the server
	 * @return the connection, in auto-commit mode
	 * @throws SQLException when the database cannot be reached
	 */
	public Connection connect(String purpose, Duration socketTimeout) throws SQLException {
		Properties properties = connectionProperties();
		properties.setProperty("ApplicationName", "waybill-relay-" + purpose);
		properties.setProperty("connectTimeout", "10");
		properties.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
		properties.setProperty("tcpKeepAlive", "true");
		return DriverManager.getConnection(connectionUrl(), properties);
	}

	/**
	 * @return the driver settings every connection to this source starts from: the role,
	 * its password and TLS
	 */
	public Properties connectionProperties() {
		Properties properties = new Properties();
		properties.setProperty("user", this.username);
		properties.setProperty("password", this.password);
		this.ssl.driverSettings().forEach(properties::setProperty);
		return properties;
	}

	/**
	 * @return the resolved database host
	 */
	public String resolvedHost() {
		return (this.host != null) ? this.host : "";
	}

	/**
	 * @return the resolved database name
	 */
	public String resolvedDatabase() {
		return (this.database != null) ? this.database : "";
	}

	/**
	 * @return the replication slot, resolved
	 */
	public String slot() {
		return (this.slotName != null) ? this.slotName : "";
	}

	/**
	 * @return the publication, resolved
	 */
	public String publication() {
		return (this.publicationName != null) ? this.publicationName : "";
	}

	/**
	 * @return the producer's {@code transactional.id}, stable per source
	 */
	public String transactionalId() {
		return "waybill-relay-" + this.name;
	}

}
