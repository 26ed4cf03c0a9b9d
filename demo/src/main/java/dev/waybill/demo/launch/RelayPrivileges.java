package dev.waybill.demo.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay role's least privileges in each service database, granted as a DBA grants
 * them: outbox-relay's {@code relay-privileges.sql}, run as the superuser. The demo runs
 * it once the services' migrations have created the outbox tables, which table grants
 * need, and before the relay starts, which needs them; running it again changes nothing.
 */
final class RelayPrivileges {

	static final Path SCRIPT = Path.of("outbox-relay", "src", "main", "resources", "dev", "waybill", "relay",
			"relay-privileges.sql");

	// the relay's sources, each named as its database (see Components)
	private static final List<String> SOURCES = List.of("orders", "inventory");

	private static final String RELAY_ROLE = "relay";

	// the embedded stack's superuser, trusted on loopback
	private static final String SUPERUSER = "postgres";

	// psql's interpolation: :"name" an identifier, :'name' a literal; not a :: cast
	private static final Pattern VARIABLE = Pattern.compile("(?<!:):([\"'])(\\w+)\\1");

	private final Path script;

	private final int port;

	/**
	 * @param root the repository root, which holds the script
	 * @param port PostgreSQL's port
	 */
	RelayPrivileges(Path root, int port) {
		this.script = root.resolve(SCRIPT);
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
						+ " (" + this.script + "): " + ex.getMessage(), ex);
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

	private String read() {
		try {
			return Files.readString(this.script);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The relay's privileges script is missing: " + this.script, ex);
		}
	}

}
