package dev.waybill.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.stack.Certificates;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.FreePorts;
import dev.waybill.stack.KafkaAccess;
import dev.waybill.stack.KafkaBroker;
import dev.waybill.stack.SaslSslListener;
import dev.waybill.stack.StackPrincipals;
import dev.waybill.stack.StackSettings;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The relay against a broker that takes clients only over SCRAM-SHA-512 and TLS, with
 * ACLs: configured through {@code spring.kafka.*} alone (security protocol, SASL login
 * and an SSL bundle holding the CA), it publishes with no more than its own ACLs; a
 * broker whose certificate its CA did not sign, and a wrong password, stop its startup
 * naming the cause; and an ACL it lacks keeps its health down, naming the topic, until
 * the ACL is granted, when the waiting events arrive.
 */
class SecuredKafkaIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(60);

	private static final String PASSWORD = "relay-" + UUID.randomUUID();

	private static final Map<String, OutboxDatabase> OUTBOXES = new ConcurrentHashMap<>();

	@TempDir
	static Path directory;

	private static EmbeddedStack stack;

	private static KafkaBroker broker;

	private static SaslSslListener listener;

	@BeforeAll
	static void startAStackWhoseBrokerTakesScramOverTlsOnly() {
		stack = new EmbeddedStack(StackSettings.ephemeral()).startPostgres();
		listener = new SaslSslListener(FreePorts.take(1)[0], Certificates.create(directory.resolve("tls"), "kafka-ca"));
		broker = stack.kafka().withSaslSsl(listener).start();
		try (KafkaAccess access = new KafkaAccess(stack.bootstrapServers())) {
			access.createUser("relay", PASSWORD);
		}
	}

	@AfterAll
	static void discardTheStack() {
		broker.close();
		stack.discard();
	}

	@Test
	void publishesOverScramAndTlsWithItsOwnAclsOnly() {
		RelayRunner relay = relay("secured");
		grant(relay);
		try (TopicReader reader = reader(relay);
				ConfigurableApplicationContext running = relay
					.start(secured(PASSWORD, listener.certificates().authority()))) {
			commit(relay, 10);
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(10));
		}
	}

	@Test
	void aBrokerItsCertificateAuthorityDidNotSignStopsStartupSayingSo() {
		Certificates other = Certificates.create(directory.resolve("other"), "another-ca");
		RelayRunner relay = relay("untrusted");
		grant(relay);

		assertThatThrownBy(() -> relay.start(secured(PASSWORD, other.authority())).close())
			.satisfies((ex) -> assertThat(messages(ex)).contains("SSL handshake failed"));
	}

	@Test
	void aWrongPasswordStopsStartupSayingSo() {
		RelayRunner relay = relay("wrongpassword");
		grant(relay);

		assertThatThrownBy(() -> relay.start(secured("not-" + PASSWORD, listener.certificates().authority())).close())
			.satisfies((ex) -> assertThat(messages(ex)).contains("Authentication failed"));
	}

	@Test
	void anAclItLacksKeepsItsHealthDownNamingTheTopicAndOnceGrantedTheEventsArrive() {
		RelayRunner relay = relay("notyet");
		ResourcePattern eventTopics = new ResourcePattern(ResourceType.TOPIC, relay.topicPrefix(),
				PatternType.PREFIXED);
		grant(relay, (binding) -> binding.pattern().equals(eventTopics)
				&& binding.entry().operation() == AclOperation.WRITE);
		try (TopicReader reader = reader(relay);
				ConfigurableApplicationContext running = relay
					.start(secured(PASSWORD, listener.certificates().authority()))) {
			commit(relay, 5);
			HealthEndpoint health = running.getBean(HealthEndpoint.class);
			await().atMost(ARRIVAL)
				.untilAsserted(() -> assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN"));
			assertThat(String.valueOf(((IndicatedHealthDescriptor) health.healthForPath("relay")).getDetails()))
				.contains("lastError")
				.contains("Not authorized to access topics: [" + relay.topicPrefix());
			assertThat(reader.poll()).isEmpty();

			try (KafkaAccess access = new KafkaAccess(stack.bootstrapServers())) {
				access.allow("relay",
						new ResourcePattern(ResourceType.TOPIC, relay.topicPrefix(), PatternType.PREFIXED),
						AclOperation.WRITE);
			}
			await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(5));
			await().atMost(ARRIVAL)
				.untilAsserted(() -> assertThat(health.health().getStatus().getCode()).isEqualTo("UP"));
		}
	}

	private static RelayRunner relay(String prefix) {
		OutboxDatabase outbox = OutboxDatabase.create(stack, prefix);
		OUTBOXES.put(outbox.name(), outbox);
		return new RelayRunner(listener.bootstrapServers(), outbox.name(), outbox.port(), outbox.name(),
				Delivery.EXACTLY_ONCE, OutboxCapture.LOG);
	}

	// the ACLs outbox-relay's README lists (StackPrincipals), under this relay's names,
	// without those the test withholds
	private static void grant(RelayRunner relay, Predicate<AclBinding> withheld) {
		List<AclBinding> bindings = StackPrincipals
			.relay(relay.topicPrefix(), relay.deadLetterTopic(), relay.offsetsTopic())
			.stream()
			.filter(withheld.negate())
			.toList();
		try (KafkaAccess access = new KafkaAccess(stack.bootstrapServers())) {
			access.grant(bindings);
		}
	}

	private static void grant(RelayRunner relay) {
		grant(relay, (binding) -> false);
	}

	private static String[] secured(String password, Path authority) {
		Map<String, String> client = listener.clientSettings("relay", password);
		return new String[] { "spring.kafka.security.protocol=" + client.get("security.protocol"),
				"spring.kafka.properties.sasl.mechanism=" + client.get("sasl.mechanism"),
				"spring.kafka.properties.sasl.jaas.config=" + client.get("sasl.jaas.config"),
				"spring.ssl.bundle.pem.kafka.truststore.certificate=file:" + authority,
				"spring.kafka.ssl.bundle=kafka" };
	}

	private static TopicReader reader(RelayRunner relay) {
		return new TopicReader(stack.bootstrapServers(), relay.topicPrefix().replace(".", "\\.") + "secured");
	}

	private static void commit(RelayRunner relay, int count) {
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(Row.of("secured", "a-" + i, 1));
		}
		OUTBOXES.get(relay.name()).commit(rows);
	}

	private static String messages(Throwable thrown) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
