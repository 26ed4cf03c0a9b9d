package dev.waybill.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.waybill.audit.AuditReport;
import dev.waybill.audit.AuditTarget;
import dev.waybill.audit.Auditor;
import dev.waybill.audit.Database;
import dev.waybill.stack.KafkaAccess;
import dev.waybill.stack.SaslSslListener;
import dev.waybill.stack.StackPrincipals;
import dev.waybill.stack.StackSecrets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The whole saga over secured connections, as {@code ./waybill up --secure} runs it:
 * PostgreSQL takes every role over TLS only, with a generated password; each broker takes
 * clients over SCRAM-SHA-512 and TLS, and ACLs allow each user only what it needs. The
 * relay and both services run this way, the auditor passes, no secret the run used is in
 * a log, a process's environment or its command line, each user is refused what its ACLs
 * do not allow, and a wrong password or a missing ACL shows as a clear error until it is
 * fixed, after which the events arrive.
 */
class AccessControlledDemoIntegrationTests {

	private static final String SSL_CONNECTIONS = """
			SELECT a.usename, bool_and(s.ssl) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
			WHERE a.usename IN ('orders', 'inventory', 'relay') GROUP BY a.usename""";

	private static RunningDemo demo;

	private static StackSecrets secrets;

	private static SaslSslListener listener;

	@BeforeAll
	static void startTheSecuredDemo() throws IOException {
		demo = new RunningDemo("secured-demo", List.of("--fresh", "--secure"));
		secrets = new StackSecrets(demo.runDirectory.resolve("stack").resolve("secrets"));
		listener = new SaslSslListener(demo.kafkaSecuredPort, secrets.certificates());
		// every topic the tests read exists once one order is through: order, reservation
		// and the seeded products' events
		SagaApi api = new SagaApi(demo);
		String first = api.placeOrder("SKU-1", 1);
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(api.order(first).path("status").asString()).isEqualTo("CONFIRMED"));
	}

	@AfterAll
	static void stopTheDemo() throws InterruptedException {
		if (demo != null) {
			demo.close();
		}
	}

	@Test
	void theSagaRunsOverTlsAndScramWithEveryConnectionEncryptedAndTheAuditorPasses() throws Exception {
		SagaApi api = new SagaApi(demo);
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			orders.add(api.placeOrder("SKU-" + (1 + i % 3), 1));
		}
		api.cancel(orders.get(0));
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(
					() -> assertThat(orders).allSatisfy((id) -> assertThat(api.order(id).path("status").asString())
						.isIn("CONFIRMED", "REJECTED", "CANCELLED")));

		assertThat(sslByRole())
			.containsExactlyInAnyOrderEntriesOf(Map.of("orders", true, "inventory", true, "relay", true));
		AuditReport report = Auditor.audit(auditTarget());
		assertThat(report.passed()).as(report.toText()).isTrue();
		assertThat(demo.upOutput()).contains("psql \"host=127.0.0.1 port=" + demo.postgresPort)
			.contains("kcat -C -e -o beginning -t outbox.event.order -b 127.0.0.1:" + demo.kafkaSecuredPort);
	}

	@Test
	void noSecretTheRunUsedIsInALogAProcesssEnvironmentOrItsCommandLine() throws Exception {
		List<String> used = new ArrayList<>();
		for (String user : StackSecrets.users()) {
			used.add(secrets.password(user));
		}
		// a line from the middle of the servers' private key
		used.add(Files.readAllLines(secrets.certificates().serverKey()).get(1));
		assertThat(used).allSatisfy((secret) -> assertThat(secret).hasSizeGreaterThan(20));
		try (Stream<Path> logs = Files.walk(demo.runDirectory.resolve("logs"))) {
			for (Path log : logs.filter(Files::isRegularFile).toList()) {
				String text = Files.readString(log);
				assertThat(used).as("secrets in " + log).noneSatisfy((secret) -> assertThat(text).contains(secret));
			}
		}
		for (long pid : demo.componentPids()) {
			String environment = Files.readString(Path.of("/proc", Long.toString(pid), "environ"));
			String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
			assertThat(used).as("secrets of process " + pid)
				.noneSatisfy((secret) -> assertThat(environment + commandLine).contains(secret));
		}
		for (int port : List.of(demo.orderPort, demo.inventoryPort, demo.relayPort)) {
			for (String endpoint : List.of("env", "configprops")) {
				assertThat(demo
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + endpoint))
						.GET())
					.statusCode()).as(endpoint + " on " + port).isEqualTo(404);
			}
		}
	}

	@Test
	void eachUserIsRefusedWhatItsAclsDoNotAllow() throws Exception {
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> send("relay", "not-an-outbox-topic", null));
		assertThatExceptionOfType(TransactionalIdAuthorizationException.class)
			.isThrownBy(() -> send("relay", "outbox.event.order", "someone-elses-transactions"));
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> read("relay", "outbox.event.order", null));
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> read("orders", "outbox.event.order", null));
		assertThatExceptionOfType(GroupAuthorizationException.class)
			.isThrownBy(() -> read("orders", "outbox.event.reservation", "inventory-service"));
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> send("orders", "outbox.event.reservation", null));
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> read("inventory", "outbox.event.reservation", null));
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> send("inventory", "outbox.event.order", null));
		// what the ACLs allow does work
		send("inventory", "outbox.event.order.dlt", null);
	}

	@Test
	void aServiceRefusedByAnAclIsDownNamingItAndOnceGrantedAgainItsEventsArrive() throws Exception {
		AclBindingFilter inventoryReads = new AclBindingFilter(
				new ResourcePatternFilter(ResourceType.TOPIC, "outbox.event.order", PatternType.LITERAL),
				new AccessControlEntryFilter("User:inventory", null, AclOperation.READ, AclPermissionType.ALLOW));
		SagaApi api = new SagaApi(demo);
		try (KafkaAccess access = new KafkaAccess(demo.kafkaBootstrapServers())) {
			String id;
			try {
				access.revoke(inventoryReads);
				await().atMost(Duration.ofMinutes(1))
					.untilAsserted(() -> assertThat(health(demo.inventoryPort)).contains("\"status\":\"DOWN\"")
						.contains("Kafka did not authorize the service's user")
						.contains("[outbox.event.order]"));
				// a fetch the broker authorized before the change may still be waiting
				// for
				// records (fetch.max.wait.ms, 500 ms): once it has returned, inventory's
				// consumers are all refused and the order waits
				Thread.sleep(Duration.ofSeconds(2).toMillis());
				id = api.placeOrder("SKU-2", 1);
				Thread.sleep(Duration.ofSeconds(6).toMillis());
				assertThat(api.order(id).path("status").asString()).isEqualTo("PENDING");
			}
			finally {
				access.grant(StackPrincipals.service("inventory", "inventory-service", "order"));
			}
			await().atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> assertThat(api.order(id).path("status").asString()).isEqualTo("CONFIRMED"));
			assertThat(health(demo.inventoryPort)).startsWith("{\"components\"").contains("\"status\":\"UP\"");
		}
	}

	@Test
	void aRelayWhoseKafkaPasswordIsWrongStopsAtStartupSayingSoAndOnceFixedItsEventsArrive() throws Exception {
		SagaApi api = new SagaApi(demo);
		try (KafkaAccess access = new KafkaAccess(demo.kafkaBootstrapServers())) {
			String id;
			try {
				demo.command("stop", "relay");
				access.createUser("relay", "not-the-password-the-relay-has");
				id = api.placeOrder("SKU-3", 1);
				String refused = demo.refusedCommand("start", "relay");
				assertThat(refused).contains("exited during start-up").containsIgnoringCase("authentication failed");
			}
			finally {
				access.createUser("relay", secrets.password("relay"));
			}
			demo.command("start", "relay");
			await().atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> assertThat(api.order(id).path("status").asString()).isEqualTo("CONFIRMED"));
		}
	}

	private static String health(int port) throws IOException, InterruptedException {
		return demo.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET())
			.body();
	}

	private static Map<String, Boolean> sslByRole() throws Exception {
		Map<String, Boolean> ssl = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(demo.jdbcUrl("postgres"), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(SSL_CONNECTIONS)) {
			while (rows.next()) {
				ssl.put(rows.getString(1), rows.getBoolean(2));
			}
		}
		return ssl;
	}

	private static AuditTarget auditTarget() {
		String tls = "?sslmode=verify-full&sslrootcert=" + secrets.certificates().authority();
		return new AuditTarget(new Database(demo.jdbcUrl("orders") + tls, "orders", secrets.password("orders")),
				new Database(demo.jdbcUrl("inventory") + tls, "inventory", secrets.password("inventory")),
				demo.kafkaBootstrapServers(), AuditTarget.DEFAULT_TOPIC_PREFIX,
				AuditTarget.DEFAULT_CONSUMER_DEAD_LETTER_SUFFIX, AuditTarget.DEFAULT_RELAY_DEAD_LETTER_TOPIC,
				Duration.ZERO);
	}

	private static Map<String, Object> settings(String user) {
		Map<String, Object> settings = new HashMap<>(listener.clientSettings(user, secrets.password(user)));
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, listener.bootstrapServers());
		return settings;
	}

	// the cause of a refused send, as the producer reports it
	private static void send(String user, String topic, String transactionalId) throws Exception {
		Map<String, Object> settings = settings(user);
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
		if (transactionalId != null) {
			settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new StringSerializer())) {
			if (transactionalId != null) {
				producer.initTransactions();
			}
			producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	private static void read(String user, String topic, String group) {
		Map<String, Object> settings = settings(user);
		settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		if (group != null) {
			settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer())) {
			if (group != null) {
				consumer.subscribe(List.of(topic));
			}
			else {
				consumer.assign(List.of(new TopicPartition(topic, 0)));
			}
			for (int i = 0; i < 20; i++) {
				consumer.poll(Duration.ofSeconds(1));
			}
		}
	}

}
