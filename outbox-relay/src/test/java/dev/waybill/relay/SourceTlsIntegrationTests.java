package dev.waybill.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.capture.PreflightException;
import dev.waybill.stack.Certificates;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.PostgresServer;
import dev.waybill.stack.StackSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A source whose PostgreSQL takes the relay's role over verified TLS only
 * ({@code hostssl} in its {@code pg_hba.conf}, a certificate of a CA made for the test):
 * both captures stream over it with {@code sources[n].ssl.*}, and a server the configured
 * CA did not sign, or a connection without TLS, stops startup naming the cause. A private
 * stack, so that its server settings touch no other test.
 */
class SourceTlsIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(90);

	private static final String SSL_CONNECTIONS = """
			SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl)
			FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = 'relay'""";

	private static Path directory;

	private static Certificates certificates;

	private static EmbeddedStack stack;

	@BeforeAll
	static void startAServerThatTakesTheRelayOverTlsOnly() throws IOException {
		directory = Files.createTempDirectory("waybill-tls");
		certificates = Certificates.create(directory.resolve("server"), "waybill-test-ca");
		Path hba = Files.writeString(directory.resolve("pg_hba.conf"), """
				local all all trust
				hostnossl all relay 127.0.0.1/32 reject
				hostssl all relay 127.0.0.1/32 scram-sha-256
				host all all 127.0.0.1/32 trust
				""");
		stack = new EmbeddedStack(StackSettings.ephemeral(),
				Map.of("ssl", "on", "ssl_cert_file", certificates.serverCertificate().toString(), "ssl_key_file",
						certificates.serverKey().toString(), "hba_file", hba.toString()))
			.start();
	}

	@AfterAll
	static void discardTheStack() throws IOException {
		if (stack != null) {
			stack.discard();
		}
		FileSystemUtils.deleteRecursively(directory);
	}

	@ParameterizedTest
	@EnumSource(OutboxCapture.class)
	void everyCaptureStreamsOverVerifiedTls(OutboxCapture capture) throws SQLException {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "tls");
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, capture);
		try (TopicReader reader = new TopicReader(stack.bootstrapServers(),
				relay.topicPrefix().replace(".", "\\.") + "secured");
				ConfigurableApplicationContext running = relay.start(verified(certificates.authority()))) {
			List<Row> rows = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				rows.add(Row.of("secured", "a-" + (i % 4), i / 4 + 1));
			}
			outbox.commit(rows);

			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(20));
			long[] connections = relayConnections();
			assertThat(connections[0]).as("the relay's connections with TLS").isPositive();
			assertThat(connections[1]).as("the relay's connections without").isZero();
		}
	}

	@Test
	void refusesAServerItsCertificateAuthorityDidNotSign() {
		Certificates other = Certificates.create(directory.resolve("other"), "another-ca");
		RelayRunner relay = RelayRunner.of(stack, OutboxDatabase.create(stack, "untrusted"), Delivery.EXACTLY_ONCE,
				OutboxCapture.LOG);

		assertThatThrownBy(() -> relay.start(verified(other.authority())).close())
			.satisfies((ex) -> assertThat(preflight(ex)).contains("Source '" + relay.name() + "'")
				.contains("unable to find valid certification path")
				.contains("the TLS handshake failed: check waybill.relay.sources[" + relay.name()
						+ "].ssl.mode and .root-cert"));
	}

	@Test
	void refusesAConnectionWithoutTlsWhereTheServerRequiresIt() {
		RelayRunner relay = RelayRunner.of(stack, OutboxDatabase.create(stack, "plain"), Delivery.EXACTLY_ONCE,
				OutboxCapture.LOG);

		assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].ssl.mode=DISABLE").close()).satisfies(
				(ex) -> assertThat(preflight(ex)).contains("Source '" + relay.name() + "'").contains("no encryption"));
	}

	// as the superuser, who sees every session's TLS
	private static long[] relayConnections() throws SQLException {
		try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("postgres"),
				PostgresServer.SUPERUSER, "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(SSL_CONNECTIONS)) {
			result.next();
			return new long[] { result.getLong(1), result.getLong(2) };
		}
	}

	private static String[] verified(Path authority) {
		return new String[] { "waybill.relay.sources[0].ssl.mode=VERIFY_FULL",
				"waybill.relay.sources[0].ssl.root-cert=" + authority };
	}

	private static String preflight(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof PreflightException) {
				return cause.getMessage();
			}
		}
		throw new AssertionError("no PreflightException in", thrown);
	}

}
