package dev.waybill.relay.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings every Kafka client of the relay starts from: Spring Boot's producer,
 * consumer and admin settings ({@code spring.kafka.*}, with its SSL bundles, security
 * protocol and {@code spring.kafka.properties.*} such as {@code sasl.*}), to which each
 * client adds the settings the relay's guarantees rest on. Those may not be overridden:
 * {@link #KafkaClients the constructor} refuses settings that would change them.
 *
 * @param producer the producer settings Spring Boot resolved
 * @param consumer the consumer settings Spring Boot resolved
 * @param admin the admin client settings Spring Boot resolved
 */
public record KafkaClients(Map<String, Object> producer, Map<String, Object> consumer, Map<String, Object> admin) {

	/**
	 * Copies the settings and checks that none changes what the relay keeps.
	 * @throws IllegalArgumentException naming the first setting that would, and why
	 */
	public KafkaClients {
		producer = Map.copyOf(producer);
		consumer = Map.copyOf(consumer);
		admin = Map.copyOf(admin);
		KeptSettings.check(producer, consumer);
	}

	/**
	 * Clients that only know where the brokers are, for tools and tests.
	 * @param bootstrapServers the brokers
	 * @return the clients' settings
	 */
	public static KafkaClients to(String bootstrapServers) {
		Map<String, Object> brokers = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		return new KafkaClients(brokers, brokers, brokers);
	}

	/**
	 * @param clientId the producer's {@code client.id}, after any {@code client.id} of
	 * the settings
	 * @return a producer's settings: every record acknowledged by all in-sync replicas,
	 * idempotent, keys and values as bytes
	 */
	public Map<String, Object> producerFor(String clientId) {
		Map<String, Object> settings = new HashMap<>(this.producer);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(this.producer, clientId));
		return settings;
	}

	/**
	 * @param committedOnly whether the consumer reads only committed transactions
	 * @return a consumer's settings: no offsets committed (the relay's consumers assign
	 * partitions and read them from a position of their own), keys and values as bytes
	 */
	public Map<String, Object> consumerFor(boolean committedOnly) {
		Map<String, Object> settings = new HashMap<>(this.consumer);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return settings;
	}

	/**
	 * @return the brokers the admin client reaches, for messages
	 */
	public String bootstrapServers() {
		Object servers = this.admin.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
		if (servers instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).collect(Collectors.joining(","));
		}
		return String.valueOf(servers);
	}

	private static String clientId(Map<String, Object> settings, String clientId) {
		Object configured = settings.get(CommonClientConfigs.CLIENT_ID_CONFIG);
		return (configured != null && !configured.toString().isBlank()) ? configured + "-" + clientId : clientId;
	}

}
