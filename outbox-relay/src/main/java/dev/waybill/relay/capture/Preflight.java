package dev.waybill.relay.capture;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import dev.waybill.contract.WireContract;
import dev.waybill.relay.Source;
import dev.waybill.relay.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The checks every capture runs before it starts, so that a misconfigured relay fails at
 * startup with a message that names the source and the fix, instead of deep in a
 * connector stack trace: the broker answers, a source's database answers, its outbox
 * table exists and the relay's role holds what it needs on it. Each capture adds its own
 * checks ({@link Capture#check}).
 */
public final class Preflight {

	private static final String TABLE_EXISTS = """
			SELECT to_regclass(?) IS NOT NULL
			""";

	private static final String MAY_USE = """
			SELECT bool_and(has_table_privilege(?, privilege)) FROM unnest(?::text[]) AS privilege
			""";

	private static final String MAY_UPDATE_COLUMN = """
			SELECT has_column_privilege(?, ?, 'UPDATE')
			""";

	private Preflight() {
	}

	/**
	 * @param timeout how long the broker may take to answer, the producer's request
	 * timeout: a relay that starts before its broker waits no longer than its producer
	 * would
	 */
	public static void checkBroker(KafkaClients clients, Duration timeout) {
		int millis = (int) timeout.toMillis();
		Map<String, Object> config = new HashMap<>(clients.admin());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		try (Admin admin = Admin.create(config)) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
				.nodes()
				.get(millis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PreflightException(
					"Kafka is unreachable at spring.kafka.bootstrap-servers=" + clients.bootstrapServers()
							+ " (no answer within " + timeout.toMillis()
							+ " ms, waybill.relay.producer.request-timeout):" + " start the broker or fix the address",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PreflightException("Interrupted while reaching Kafka at " + clients.bootstrapServers(), ex);
		}
	}

	/**
	 * Runs checks on one connection to the source's database.
	 * @param source the source
	 * @param checks what to check
	 * @throws PreflightException when a check fails, or the database cannot be queried
	 */
	public static void onSource(Source source, Consumer<JdbcTemplate> checks) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(source.connectionUrl(), true);
		dataSource.setConnectionProperties(source.connectionProperties());
		try {
			checks.accept(new JdbcTemplate(dataSource));
		}
		catch (DataAccessException ex) {
			throw new PreflightException(
					"Source '" + source.name() + "': cannot query " + source.connectionUrl() + " as "
							+ source.username() + ": " + ex.getMostSpecificCause().getMessage() + tlsHint(source, ex),
					ex);
		}
		finally {
			dataSource.destroy();
		}
	}

	// a TLS handshake that failed names neither TLS nor the settings to look at
	private static String tlsHint(Source source, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException) {
				return " (the TLS handshake failed: check waybill.relay.sources[" + source.name()
						+ "].ssl.mode and .root-cert, the CA that signed the server's certificate)";
			}
		}
		return "";
	}

	/**
	 * @return whether the table, optionally schema-qualified, exists
	 */
	public static boolean tableExists(JdbcTemplate jdbc, String table) {
		return Boolean.TRUE.equals(jdbc.queryForObject(TABLE_EXISTS, Boolean.class, table));
	}

	/**
	 * @return whether the current role holds every one of the privileges on the table
	 */
	public static boolean mayUse(JdbcTemplate jdbc, String table, String... privileges) {
		return Boolean.TRUE
			.equals(jdbc.queryForObject(MAY_USE, Boolean.class, table, "{" + String.join(",", privileges) + "}"));
	}

	/**
	 * True for {@code UPDATE} on the table and for {@code UPDATE} of the column alone,
	 * which is all the relay is granted on the outbox table beside {@code SELECT}: it may
	 * mark rows published, and change nothing else of an event.
	 * @return whether the current role may update the column of the table
	 */
	public static boolean mayUpdate(JdbcTemplate jdbc, String table, String column) {
		return Boolean.TRUE.equals(jdbc.queryForObject(MAY_UPDATE_COLUMN, Boolean.class, table, column));
	}

	/**
	 * @return the least grant that lets the source's role read its outbox table and mark
	 * rows published: {@code UPDATE} of {@code published_at} alone, so that the role can
	 * neither insert, delete nor change an event
	 */
	public static String readAndMarkGrant(Source source) {
		return "GRANT SELECT, UPDATE (" + WireContract.COLUMN_PUBLISHED_AT + ") ON " + source.table() + " TO \""
				+ source.username() + "\"";
	}

	/**
	 * @throws PreflightException when the source's outbox table does not exist
	 */
	public static void checkTable(Source source, JdbcTemplate jdbc) {
		if (!tableExists(jdbc, source.table())) {
			throw new PreflightException("Source '" + source.name() + "': outbox table '" + source.table()
					+ "' does not exist in database '" + source.resolvedDatabase()
					+ "': create it (see dev/waybill/outbox/schema-postgresql.sql) or fix the table setting");
		}
	}

}
