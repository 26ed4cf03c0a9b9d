package dev.waybill.relay;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A source's TLS settings as every connection to it gets them.
 */
class SourceSslTests {

	@ParameterizedTest
	@CsvSource({ "DISABLE, disable", "PREFER, prefer", "REQUIRE, require", "VERIFY_CA, verify-ca",
			"VERIFY_FULL, verify-full" })
	void namesEachModeAsTheDriverDoes(SourceSsl.Mode mode, String driverValue) {
		assertThat(new SourceSsl(mode, null, null, null, "").driverSettings())
			.containsExactly(Map.entry("sslmode", driverValue));
	}

	@Test
	void everyConnectionToTheSourceCarriesItsTls() {
		Source source = RelaySettings.bind(Map.of("sources[0].password", "pw", "sources[0].ssl.mode", "VERIFY_FULL",
				"sources[0].ssl.root-cert", "/etc/ca.crt", "sources[0].ssl.key", "/etc/relay.p12"))
			.sources()
			.get(0);

		assertThat(source.connectionProperties()).containsEntry("user", "relay")
			.containsEntry("password", "pw")
			.containsEntry("sslmode", "verify-full")
			.containsEntry("sslrootcert", "/etc/ca.crt")
			.containsEntry("sslkey", "/etc/relay.p12")
			.doesNotContainKeys("sslcert", "sslpassword");
	}

	@Test
	void noSettingsLeaveTheDriversDefaults() {
		assertThat(RelaySettings.bind(Map.of()).sources().get(0).connectionProperties()).containsOnlyKeys("user",
				"password");
	}

	@Test
	void refusesAClientCertificateWithoutItsKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SourceSsl(null, null, "/etc/relay.crt", null, ""))
			.withMessage("ssl.cert needs ssl.key, the certificate's private key");
	}

}
