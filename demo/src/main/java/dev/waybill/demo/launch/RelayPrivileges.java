package dev.waybill.demo.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The relay role's least privileges in each service database, granted as a DBA grants
 * them: outbox-relay's {@code relay-privileges.sql}, run as the superuser. The demo runs
 * it once the services' migrations have created the outbox tables, which table grants
 * need, and before the relay starts, which needs them; running it again changes nothing.
 * The script is read from the relay's jar, the one the demo runs, so that a demo run from
 * copies of the jars alone (as the saga benchmark runs it) has it too.
 */
final class RelayPrivileges {

	static final String SCRIPT = "BOOT-INF/classes/dev/waybill/relay/relay-privileges.sql";

	// the relay's sources, each named as its database (see Components)
	private static final List<String> SOURCES = List.of("orders", "inventory");

	private static final String RELAY_ROLE = "relay";

	// the embedded stack's superuser, trusted on loopback
	private static final String SUPERUSER = "postgres";

	// psql's interpolation: :"name" an identifier, :'name' a literal; not a :: cast
	private static final Pattern VARIABLE = Pattern.compile("(?<!:):([\"'])(\\w+)\\1");

	private final Path relayJar;

	private final int port;

	/**
	 * @param relayJar the relay's executable jar, which holds the script
	 * @param port PostgreSQL's port
	 */
	RelayPrivileges(Path relayJar, int port) {
		this.relayJar = relayJar;
		this.port = port;
	}

	/** Grants the relay's privileges in every service database. */
	void grant() {
		String sql = read();
		for (String database : SOURCES) {
			Map<String, String> variables = Map.of("DBNAME", database, "relay", RELAY_ROLE, "publication",
					"waybill_" + database);
			try (Connection connection = DriverManager
				.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database, SUPERUSER, "");
					Statement statement = connection.createStatement()) {
				statement.execute(interpolate(sql, variables));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not grant the relay its privileges in database " + database
						+ " (" + SCRIPT + " in " + this.relayJar + "): " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * @return the script with its psql variables replaced, as psql replaces them
	 */
	static String interpolate(String sql, Map<String, String> variables) {
		Matcher matcher = VARIABLE.matcher(sql);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			String quote = matcher.group(1);
			String value = variables.get(matcher.group(2));
			if (value == null) {
				throw new IllegalArgumentException("No value for the script's variable " + matcher.group(2));
			}
			matcher.appendReplacement(resolved,
					Matcher.quoteReplacement(quote + value.replace(quote, quote + quote) + quote));
		}
		return matcher.appendTail(resolved).toString();
	}

	String read() {
		try (ZipFile jar = new ZipFile(this.relayJar.toFile())) {
			ZipEntry entry = jar.getEntry(SCRIPT);
			if (entry == null) {
				throw new IllegalStateException(this.relayJar + " holds no " + SCRIPT + ": build it again");
			}
			try (InputStream script = jar.getInputStream(entry)) {
				return new String(script.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Could not read " + SCRIPT + " from " + this.relayJar + " (build it with mvn package)", ex);
		}
	}

}
