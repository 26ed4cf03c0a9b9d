package dev.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A broker listener for clients that authenticate with SCRAM-SHA-512 over TLS
 * ({@code SASL_SSL}), with Kafka's {@code StandardAuthorizer} deciding what each
 * authenticated principal may do from the ACLs: what managed Kafka services require.
 *
 * <p>
 * A broker with this listener keeps its PLAINTEXT listener on loopback for its own
 * replication, its controller's traffic and the harness, whose principal
 * ({@code User:ANONYMOUS}) is a super user: nothing outside the machine reaches it. Every
 * client that connects on this listener has only the ACLs granted to its user, and users
 * are made with {@link KafkaAccess}. The broker presents the server certificate of
 * {@link #certificates()}, valid for {@code 127.0.0.1} and {@code localhost}, so clients
 * verify the host name against it.
 *
 * @param port the listener's port on loopback
 * @param certificates the server certificate and key the broker presents, and the CA its
 * clients trust
 */
public record SaslSslListener(int port, Certificates certificates) {

	/** The SASL mechanism clients use. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	/** The listener's name, which is also its security protocol. */
	public static final String NAME = "SASL_SSL";

	private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

	private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

	/**
	 * Validates the port.
	 */
	public SaslSslListener {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("A listener port must be between 1 and 65535, was " + port);
		}
	}

	/**
	 * @return the {@code bootstrap.servers} value for clients of this listener
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * The settings a client of this listener needs, as Kafka's clients take them.
	 * @param user the SCRAM user
	 * @param password its password
	 * @return the client settings: security protocol, SASL mechanism and login, and the
	 * CA to trust
	 */
	public Map<String, String> clientSettings(String user, String password) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("security.protocol", NAME);
		settings.put("sasl.mechanism", MECHANISM);
		settings.put("sasl.jaas.config", jaas(user, password));
		settings.put("ssl.truststore.type", "PEM");
		settings.put("ssl.truststore.location", this.certificates.authority().toAbsolutePath().toString());
		return settings;
	}

	/**
	 * @param user a SCRAM user
	 * @param password its password
	 * @return the {@code sasl.jaas.config} value that logs in as that user
	 */
	public static String jaas(String user, String password) {
		return LOGIN_MODULE + " required username=\"" + escape(user) + "\" password=\"" + escape(password) + "\";";
	}

	// the listener beside the broker's own: added to the properties BrokerProperties made
	void addTo(Properties broker) {
		String plaintext = broker.getProperty("listeners");
		broker.put("listeners", plaintext + "," + NAME + "://" + bootstrapServers());
		broker.put("advertised.listeners",
				broker.getProperty("advertised.listeners") + "," + NAME + "://" + bootstrapServers());
		broker.put("listener.security.protocol.map",
				broker.getProperty("listener.security.protocol.map") + "," + NAME + ":" + NAME);
		broker.put("sasl.enabled.mechanisms", MECHANISM);
		String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
		broker.put(prefix + MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config", LOGIN_MODULE + " required;");
		broker.put(prefix + "ssl.keystore.type", "PEM");
		broker.put(prefix + "ssl.keystore.certificate.chain", read(this.certificates.serverCertificate()));
		broker.put(prefix + "ssl.keystore.key", read(this.certificates.serverKey()));
		broker.put("authorizer.class.name", AUTHORIZER);
		// the loopback PLAINTEXT and controller listeners: the broker's own traffic
		broker.put("super.users", "User:ANONYMOUS");
		broker.put("allow.everyone.if.no.acl.found", "false");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the broker's key material in " + file, ex);
		}
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
