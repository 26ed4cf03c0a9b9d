package dev.waybill.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SaslSslListenerIntegrationTests {

	private static final String USER = "alice";

	private static final String PASSWORD = "alice-" + UUID.randomUUID();

	@TempDir
	static Path directory;

	private static KafkaBroker broker;

	private static SaslSslListener listener;

	@BeforeAll
	static void startSecuredBroker() {
		int[] ports = FreePorts.take(3);
		listener = new SaslSslListener(ports[2], Certificates.create(directory.resolve("tls"), "test-ca"));
		broker = new KafkaBroker(ports[0], ports[1], directory.resolve("kafka")).withSaslSsl(listener).start();
		try (KafkaAccess access = new KafkaAccess(broker.bootstrapServers())) {
			access.createUser(USER, PASSWORD);
			access.allow(USER, new ResourcePattern(ResourceType.TOPIC, "granted.", PatternType.PREFIXED),
					AclOperation.CREATE, AclOperation.WRITE, AclOperation.DESCRIBE);
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void aUserWithAnAclWritesOverScramAndTls() throws Exception {
		try (KafkaProducer<String, String> producer = producer(listener.clientSettings(USER, PASSWORD))) {
			assertThat(
					producer.send(new ProducerRecord<>("granted.events", "k", "v")).get(30, TimeUnit.SECONDS).offset())
				.isZero();
		}
	}

	@Test
	void aTopicWithoutAnAclForTheUserIsRefused() {
		try (KafkaProducer<String, String> producer = producer(listener.clientSettings(USER, PASSWORD))) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(
						() -> producer.send(new ProducerRecord<>("other.events", "k", "v")).get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void aWrongPasswordFailsAuthenticationAndSaysSo() {
		Map<String, Object> settings = new HashMap<>(listener.clientSettings(USER, "not-" + PASSWORD));
		settings.put("bootstrap.servers", listener.bootstrapServers());
		try (Admin admin = Admin.create(settings)) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(SaslAuthenticationException.class)
				.withMessageContaining("SCRAM-SHA-512");
		}
	}

	@Test
	void aClientThatTrustsAnotherAuthorityRefusesTheBroker() {
		Certificates other = Certificates.create(directory.resolve("other-ca"), "other-ca");
		Map<String, Object> settings = new HashMap<>(listener.clientSettings(USER, PASSWORD));
		settings.put("bootstrap.servers", listener.bootstrapServers());
		settings.put("ssl.truststore.location", other.authority().toString());
		try (Admin admin = Admin.create(settings)) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(SslAuthenticationException.class);
		}
	}

	@Test
	void thePlaintextListenerStaysTheBrokersOwn() {
		assertThat(broker.saslSsl()).contains(listener);
		assertThat(broker.bootstrapServers()).isNotEqualTo(listener.bootstrapServers());
	}

	private static KafkaProducer<String, String> producer(Map<String, String> security) {
		Map<String, Object> settings = new HashMap<>(security);
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, listener.bootstrapServers());
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
		settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(25).toMillis());
		settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
		return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
	}

}
