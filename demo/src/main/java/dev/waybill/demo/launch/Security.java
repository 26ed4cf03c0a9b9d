package dev.waybill.demo.launch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the demo's connections are secured, and if so where their secrets are. Secured,
 * every component reaches PostgreSQL over TLS ({@code verify-full}) with a role password,
 * and Kafka over SCRAM-SHA-512 and TLS as a user whose ACLs allow only what it needs.
 * Passwords reach the components from files, as Spring's {@code configtree:} imports
 * them: each component is given its own user's directory only, and no password is in an
 * environment variable or on a command line.
 *
 * @param secured whether the connections are secured
 * @param secrets where the stack keeps its CA, certificates and passwords:
 * {@code tls/ca.crt}, and {@code users/NAME/password} for each user
 */
public record Security(boolean secured, Path secrets) {

	private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

	/**
	 * @return the CA every client trusts
	 */
	public Path authority() {
		return this.secrets.resolve("tls").resolve("ca.crt");
	}

	/**
	 * @param user the relay's or a service's user
	 * @return the file that holds its password
	 */
	public Path passwordFile(String user) {
		return this.secrets.resolve("users").resolve(user).resolve("password");
	}

	/**
	 * How a user reaches the secured servers with the command-line clients, as each
	 * service's user: a {@code psql} line for its database and a {@code kcat} line that
	 * reads a topic it consumes.
	 * @param postgresPort PostgreSQL's port
	 * @param bootstrapServers the brokers' secured listeners
	 * @return the lines, empty when plain
	 */
	public List<String> connectionLines(int postgresPort, String bootstrapServers) {
		if (!this.secured) {
			return List.of();
		}
		Path authority = authority().toAbsolutePath();
		return List.of(
				"PGPASSWORD=\"$(cat " + passwordFile("orders").toAbsolutePath() + ")\" psql \"host=127.0.0.1 port="
						+ postgresPort + " dbname=orders user=orders sslmode=verify-full sslrootcert=" + authority
						+ "\"",
				"kcat -C -e -o beginning -t outbox.event.order -b " + bootstrapServers
						+ " -X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=inventory"
						+ " -X sasl.password=\"$(cat " + passwordFile("inventory").toAbsolutePath() + ")\""
						+ " -X ssl.ca.location=" + authority);
	}

	/**
	 * @return the record of the data: {@code secured} or {@code plain}
	 */
	String value() {
		return this.secured ? "secured" : "plain";
	}

	/**
	 * The stack's options that secure its servers.
	 * @return none when plain
	 */
	List<String> stackOptions() {
		return this.secured ? List.of("--secrets=" + this.secrets) : List.of();
	}

	/**
	 * The settings that take a Spring Boot component to Kafka as a user.
	 * @param user the user
	 * @return its Spring Boot environment: security protocol, SASL login, the CA as an
	 * SSL bundle and its password directory as a config tree; empty when plain
	 */
	Map<String, String> kafkaEnvironment(String user) {
		Map<String, String> environment = new LinkedHashMap<>();
		if (!this.secured) {
			return environment;
		}
		environment.put("SPRING_CONFIG_IMPORT", "configtree:" + passwordFile(user).getParent() + "/");
		environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
		environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
		// the password is a placeholder, resolved from the config tree
		environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
				LOGIN_MODULE + " required username=\"" + user + "\" password=\"${password}\";");
		environment.put("SPRING_SSL_BUNDLE_PEM_KAFKA_TRUSTSTORE_CERTIFICATE", "file:" + authority());
		environment.put("SPRING_KAFKA_SSL_BUNDLE", "kafka");
		return environment;
	}

	/**
	 * @param jdbcUrl a JDBC URL without parameters
	 * @return the URL with TLS that verifies the server against the stack's CA, when
	 * secured
	 */
	String jdbcUrl(String jdbcUrl) {
		return this.secured ? jdbcUrl + "?sslmode=verify-full&sslrootcert=" + authority() : jdbcUrl;
	}

	/**
	 * @param secured {@code secured} or {@code plain}, as {@link #value()} records it
	 * @param secrets where the secrets are
	 * @return the security
	 */
	static Security parse(String secured, Path secrets) {
		return switch (secured.strip()) {
			case "secured" -> new Security(true, secrets);
			case "plain" -> new Security(false, secrets);
			default -> throw new IllegalArgumentException(
					"A record of the demo's security holds secured or plain, not '" + secured.strip() + "'");
		};
	}

}
