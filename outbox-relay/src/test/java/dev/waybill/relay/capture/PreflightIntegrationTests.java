package dev.waybill.relay.capture;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import dev.waybill.relay.LeastPrivilegedRole;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.relay.TopicReader;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each misconfiguration stops the relay at startup with a message that names the source
 * and the fix; the least privileges the relay's role is granted pass.
 */
@ExtendWith(EmbeddedStackExtension.class)
class PreflightIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(60);

	// as the owner: the relay's least-privileged role may not create it
	private static final String PUBLICATION = "CREATE PUBLICATION %s FOR TABLE outbox_event WITH (publish = 'insert')";

	private static final String UNPUBLISHED = "SELECT count(*) FROM outbox_event WHERE published_at IS NULL";

	private static EmbeddedStack stack;

	private static OutboxDatabase outbox;

	private static RelayRunner relay;

	@BeforeAll
	static void createDatabase(EmbeddedStack embeddedStack) {
		stack = embeddedStack;
		outbox = OutboxDatabase.create(stack, "preflight");
		relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE);
	}

	@Test
	void refusesADatabaseWhoseWalLevelIsNotLogical() throws Exception {
		try (EmbeddedPostgres replicaOnly = EmbeddedPostgres.builder()
			.setServerConfig("wal_level", "replica")
			.start()) {
			try (Connection connection = replicaOnly.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE outbox_event (id uuid PRIMARY KEY)");
			}
			assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].port=" + replicaOnly.getPort(),
					"waybill.relay.sources[0].database=postgres", "waybill.relay.sources[0].username=postgres",
					"waybill.relay.sources[0].password="))
				.satisfies((ex) -> assertThat(preflightMessage(ex)).contains("Source '" + relay.name() + "'")
					.contains("wal_level is 'replica' but must be 'logical'"));
		}
	}

	@Test
	void refusesARoleWithoutTheReplicationPrivilege() {
		assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].username=" + outbox.database().user(),
				"waybill.relay.sources[0].password=" + outbox.database().password()))
			.satisfies((ex) -> assertThat(preflightMessage(ex))
				.contains("role '" + outbox.database().user() + "' lacks the REPLICATION privilege"));
	}

	@Test
	void refusesAMissingOutboxTable() {
		assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].table=public.no_such_outbox"))
			.satisfies((ex) -> assertThat(preflightMessage(ex))
				.contains("outbox table 'public.no_such_outbox' does not exist in database '" + outbox.name() + "'"));
	}

	@Test
	void refusesADebeziumSettingThatWouldDropTheSlotOnStop() {
		assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].debezium.slot.drop.on.stop=true"))
			.hasStackTraceContaining("slot.drop.on.stop")
			.hasStackTraceContaining("drops the slot");
	}

	@Test
	void refusesARoleThatMayNotCreateThePublication() {
		String role = outbox.name() + "_outsider";
		stack.postgres()
			.execute("postgres", "CREATE ROLE " + role + " LOGIN REPLICATION PASSWORD '" + role + "'",
					"GRANT CONNECT ON DATABASE " + outbox.name() + " TO " + role);
		assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].username=" + role,
				"waybill.relay.sources[0].password=" + role, "waybill.relay.sources[0].publication-name=" + role))
			.satisfies((ex) -> assertThat(preflightMessage(ex)).contains("Source '" + relay.name() + "'")
				.contains("role '" + role + "' may not create the publication")
				.contains("create it as the owner or a superuser, as dev/waybill/relay/relay-privileges.sql does")
				.contains("CREATE PUBLICATION " + role + " FOR TABLE public.outbox_event WITH (publish = 'insert')"));
	}

	@Test
	void takesOverABacklogAndStreamsAsARoleWithTheLeastPrivilegesOnceTheOwnerCreatedThePublication() {
		OutboxDatabase least = OutboxDatabase.create(stack, "leastlog");
		RelayRunner runner = RelayRunner.of(stack, least, Delivery.EXACTLY_ONCE);
		LeastPrivilegedRole role = LeastPrivilegedRole.create(stack, least, "REPLICATION",
				LeastPrivilegedRole.READ_AND_MARK);
		least.execute(PUBLICATION.formatted(runner.name()));
		least.commit(List.of(Row.of("least", "backlog", 1)));
		try (TopicReader reader = new TopicReader(stack.bootstrapServers(),
				runner.topicPrefix().replace(".", "\\.") + "least");
				ConfigurableApplicationContext running = runner.start(role.sourceSettings())) {
			least.commit(List.of(Row.of("least", "streamed", 1)));
			await().atMost(ARRIVAL)
				.untilAsserted(() -> assertThat(reader.poll()).extracting((record) -> record.key())
					.containsExactlyInAnyOrder("backlog", "streamed"));
			assertThat(unpublished(least)).as("unpublished: the streamed row, log capture marks none").isOne();
		}
		finally {
			least.dropIdleReplicationSlots();
		}
	}

	@Test
	void refusesToTakeOverABacklogAsARoleThatMayNotUpdatePublishedAt() {
		OutboxDatabase least = OutboxDatabase.create(stack, "readonly");
		RelayRunner runner = RelayRunner.of(stack, least, Delivery.EXACTLY_ONCE);
		LeastPrivilegedRole role = LeastPrivilegedRole.create(stack, least, "REPLICATION", "SELECT");
		least.execute(PUBLICATION.formatted(runner.name()));
		least.commit(List.of(Row.of("least", "backlog", 1)));
		try {
			assertThatThrownBy(() -> runner.start(role.sourceSettings()))
				.satisfies((ex) -> assertThat(preflightMessage(ex)).contains("Source '" + runner.name() + "'")
					.contains("role '" + role.name() + "' may not UPDATE its published_at")
					.contains("GRANT SELECT, UPDATE (published_at) ON public.outbox_event TO \"" + role.name() + "\""));
		}
		finally {
			least.dropIdleReplicationSlots();
		}
	}

	private static long unpublished(OutboxDatabase outbox) {
		try (Connection connection = outbox.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(UNPUBLISHED)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void refusesAnUnreachableBrokerOnceTheRequestTimeoutHasPassed() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThatThrownBy(() -> relay.start("spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort,
				"waybill.relay.producer.request-timeout=2s"))
			.satisfies((ex) -> assertThat(preflightMessage(ex))
				.contains("Kafka is unreachable at spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort)
				.contains("no answer within 2000 ms, waybill.relay.producer.request-timeout"));
	}

	private static String preflightMessage(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof PreflightException preflight) {
				return String.valueOf(preflight.getMessage());
			}
		}
		throw new AssertionError("No PreflightException in the causes of " + thrown, thrown);
	}

}
