package dev.waybill.relay.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the relay's clients take from Spring Boot's Kafka settings, what they add, and
 * which settings they refuse to take.
 */
class KafkaClientsTests {

	private static final KafkaProperties BOOT = new KafkaProperties();

	@Test
	void aProducerKeepsTheConfiguredClientSettingsAndAddsTheRelaysGuarantees() {
		Map<String, Object> producer = boot(BOOT.buildProducerProperties(), Map.of("security.protocol", "SASL_SSL",
				"sasl.mechanism", "SCRAM-SHA-512", "compression.type", "zstd", "client.id", "acme", "acks", "all"));
		KafkaClients clients = new KafkaClients(producer, BOOT.buildConsumerProperties(), Map.of());

		assertThat(clients.producerFor("waybill-relay-orders")).containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("compression.type", "zstd")
			.containsEntry("acks", "all")
			.containsEntry("enable.idempotence", true)
			.containsEntry("key.serializer", ByteArraySerializer.class)
			.containsEntry("value.serializer", ByteArraySerializer.class)
			.containsEntry("client.id", "acme-waybill-relay-orders");
	}

	@Test
	void aProducerWithoutAConfiguredClientIdIsNamedAfterItsSource() {
		assertThat(KafkaClients.to("b:9092").producerFor("waybill-relay-orders"))
			.containsEntry("client.id", "waybill-relay-orders")
			.containsEntry("bootstrap.servers", "b:9092");
	}

	@Test
	void aConsumerReadsBytesCommitsNothingAndSeesWhatItIsAskedFor() {
		Map<String, Object> consumer = boot(BOOT.buildConsumerProperties(), Map.of("security.protocol", "SSL"));
		KafkaClients clients = new KafkaClients(Map.of(), consumer, Map.of());

		assertThat(clients.consumerFor(true)).containsEntry("isolation.level", "read_committed")
			.containsEntry("security.protocol", "SSL")
			.containsEntry("enable.auto.commit", "false")
			.containsEntry("key.deserializer", ByteArrayDeserializer.class)
			.containsEntry("value.deserializer", ByteArrayDeserializer.class);
		assertThat(clients.consumerFor(false)).containsEntry("isolation.level", "read_uncommitted");
	}

	@ParameterizedTest(name = "producer {0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					acks                | 1                                                        | the relay uses acks=all or -1
					acks                | 0                                                        | the relay uses acks=all or -1
					enable.idempotence  | false                                                    | the relay uses enable.idempotence=true
					transactional.id    | mine                                                     | the relay sets it
					key.serializer      | org.apache.kafka.common.serialization.StringSerializer   | the relay sets it
					value.serializer    | org.apache.kafka.common.serialization.LongSerializer     | the relay sets it
					delivery.timeout.ms | 1000                                                     | set waybill.relay.producer.delivery-timeout instead
					request.timeout.ms  | 1000                                                     | set waybill.relay.producer.request-timeout instead
					max.block.ms        | 1000                                                     | set waybill.relay.producer.max-block instead
					transaction.timeout.ms | 1000                                                  | set waybill.relay.transaction-timeout instead
					""")
	void refusesAProducerSettingThatWouldChangeOneTheRelayKeeps(String name, String value, String reason) {
		Map<String, Object> producer = boot(BOOT.buildProducerProperties(), Map.of(name, value));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KafkaClients(producer, BOOT.buildConsumerProperties(), Map.of()))
			.withMessageStartingWith("The Kafka producer setting " + name)
			.withMessageContaining(reason);
	}

	@ParameterizedTest(name = "consumer {0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			key.deserializer   | org.apache.kafka.common.serialization.StringDeserializer
			value.deserializer | org.apache.kafka.common.serialization.LongDeserializer
			""")
	void refusesAConsumerSettingThatWouldChangeOneTheRelayKeeps(String name, String value) {
		Map<String, Object> consumer = boot(BOOT.buildConsumerProperties(), Map.of(name, value));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KafkaClients(BOOT.buildProducerProperties(), consumer, Map.of()))
			.withMessageStartingWith("The Kafka consumer setting " + name)
			.withMessageContaining("the relay sets it");
	}

	@Test
	void eachReadHasTheIsolationLevelItNeedsWhateverBootsDefault() {
		assertThat(BOOT.buildConsumerProperties()).containsEntry("isolation.level", "read_uncommitted");
		KafkaClients clients = new KafkaClients(Map.of(), BOOT.buildConsumerProperties(), Map.of());

		assertThat(clients.consumerFor(true)).containsEntry("isolation.level", "read_committed");
	}

	@Test
	void refusesAnIsolationLevelThatIsNeitherTheRelaysNorBootsDefault() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KafkaClients(Map.of(), Map.of("isolation.level", "READ_UNCOMMITTED "), Map.of()))
			.withMessageContaining("the relay uses isolation.level=read_committed");
	}

	@Test
	void acceptsTheValuesTheRelayUsesAndBootsDefaults() {
		Map<String, Object> producer = boot(BOOT.buildProducerProperties(),
				Map.of("acks", "-1", "enable.idempotence", "TRUE"));
		assertThat(producer).containsEntry("key.serializer", StringSerializer.class);

		KafkaClients clients = new KafkaClients(producer, BOOT.buildConsumerProperties(), Map.of());

		assertThat(clients.producerFor("p")).containsEntry("key.serializer", ByteArraySerializer.class);
	}

	@Test
	void aRefusalNeverRepeatsAValueTheRelaySetsItself() {
		Map<String, Object> producer = boot(BOOT.buildProducerProperties(), Map.of("transactional.id", "s3cr3t"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KafkaClients(producer, BOOT.buildConsumerProperties(), Map.of()))
			.withMessageNotContaining("s3cr3t");
	}

	@Test
	void namesEveryBrokerOfAList() {
		KafkaClients clients = new KafkaClients(Map.of(), Map.of(),
				Map.of("bootstrap.servers", List.of("b1:9092", "b2:9092")));

		assertThat(clients.bootstrapServers()).isEqualTo("b1:9092,b2:9092");
	}

	private static Map<String, Object> boot(Map<String, Object> defaults, Map<String, Object> configured) {
		Map<String, Object> settings = new HashMap<>(defaults);
		settings.putAll(configured);
		return settings;
	}

}
