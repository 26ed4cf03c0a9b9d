package dev.waybill.relay;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS to a source's database ({@code waybill.relay.sources[n].ssl.*}), for every
 * connection the relay opens to it: its own (checks, health, polling, leadership, the
 * slot) and the replication connection of log capture's engine. The files are the
 * PostgreSQL JDBC driver's, which both use.
 *
 * @param mode how much TLS the connections require; unset, the driver's default
 * ({@code prefer}: TLS when the server offers it, unverified)
 * @param rootCert the CA certificates (a PEM file) that verify the server's certificate,
 * for {@code verify-ca} and {@code verify-full}
 * @param cert a client certificate (a PEM file), where the server authenticates the relay
 * by certificate
 * @param key the client certificate's private key: a PKCS-8 file ({@code .pk8}), or a
 * PKCS-12 file ({@code .p12}) that holds the certificate too
 * @param keyPassword the key's password, if it has one
 */
public record SourceSsl(@Nullable Mode mode, @Nullable String rootCert, @Nullable String cert, @Nullable String key,
		@DefaultValue("") String keyPassword) {

	/** No TLS settings: the driver's defaults. */
	public static final SourceSsl NONE = new SourceSsl(null, null, null, null, "");

	/**
	 * Checks that a client certificate comes with its key.
	 */
	public SourceSsl {
		if (cert != null && !cert.isBlank() && (key == null || key.isBlank())) {
			throw new IllegalArgumentException("ssl.cert needs ssl.key, the certificate's private key");
		}
	}

	/**
	 * @return the settings as the PostgreSQL JDBC driver names them, only those given
	 */
	public Map<String, String> driverSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		if (this.mode != null) {
			settings.put("sslmode", this.mode.driverValue());
		}
		putIfGiven(settings, "sslrootcert", this.rootCert);
		putIfGiven(settings, "sslcert", this.cert);
		putIfGiven(settings, "sslkey", this.key);
		putIfGiven(settings, "sslpassword", this.keyPassword);
		return settings;
	}

	private static void putIfGiven(Map<String, String> settings, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			settings.put(name, value);
		}
	}

	/** PostgreSQL's {@code sslmode}. */
	public enum Mode {

		/** No TLS. */
		DISABLE,
		/** TLS only when the server requires it. */
		ALLOW,
		/** TLS when the server offers it, unverified. */
		PREFER,
		/** TLS, without verifying the server. */
		REQUIRE,
		/** TLS, the server's certificate signed by a trusted CA. */
		VERIFY_CA,
		/** TLS, the server's certificate signed by a trusted CA and naming the host. */
		VERIFY_FULL;

		String driverValue() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
