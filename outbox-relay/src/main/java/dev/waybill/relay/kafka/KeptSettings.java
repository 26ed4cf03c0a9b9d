package dev.waybill.relay.kafka;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The Kafka settings the relay keeps to itself, and the check that {@code spring.kafka.*}
 * leaves them alone. A setting the relay keeps may be given only with the value the relay
 * uses (or left at Spring Boot's default, which the relay replaces); any other value
 * stops startup with a message that names it, rather than being replaced unseen.
 */
final class KeptSettings {

	private static final String BOOT = "spring.kafka.producer.*, spring.kafka.consumer.* or spring.kafka.properties.*";

	private static final List<Kept> PRODUCER = List.of(
			new Kept(ProducerConfig.ACKS_CONFIG, List.of("all", "-1"),
					"every batch must be on all in-sync replicas before its position counts"),
			new Kept(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, List.of("true"),
					"a retried send must not write its records twice"),
			new Kept(ProducerConfig.TRANSACTIONAL_ID_CONFIG, List.of(),
					"each source's producer has a transactional.id of its own, which fences an earlier leader's"),
			new Kept(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, List.of(),
					"keys are sent as the outbox row holds them"),
			new Kept(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, List.of(),
					"payloads are sent as the outbox row holds them"),
			new Kept(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, List.of(),
					"set waybill.relay.transaction-timeout instead"),
			new Kept(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, List.of(),
					"set waybill.relay.producer.delivery-timeout instead"),
			new Kept(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, List.of(),
					"set waybill.relay.producer.request-timeout instead"),
			new Kept(ProducerConfig.MAX_BLOCK_MS_CONFIG, List.of(), "set waybill.relay.producer.max-block instead"));

	private static final List<Kept> CONSUMER = List.of(
			new Kept(ConsumerConfig.ISOLATION_LEVEL_CONFIG, List.of("read_committed"),
					"a position counts only once its batch's transaction committed"),
			new Kept(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, List.of(), "positions are read as bytes"),
			new Kept(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, List.of(), "positions are read as bytes"));

	private KeptSettings() {
	}

	/**
	 * @param producer the producer settings
	 * @param consumer the consumer settings
	 * @throws IllegalArgumentException naming the first setting that changes one the
	 * relay keeps
	 */
	static void check(Map<String, Object> producer, Map<String, Object> consumer) {
		KafkaProperties defaults = new KafkaProperties();
		check("producer", PRODUCER, producer, defaults.buildProducerProperties());
		check("consumer", CONSUMER, consumer, defaults.buildConsumerProperties());
	}

	private static void check(String client, List<Kept> kept, Map<String, Object> settings,
			Map<String, Object> defaults) {
		for (Kept setting : kept) {
			Object value = settings.get(setting.name());
			if (value != null && !Objects.equals(value, defaults.get(setting.name())) && !setting.allows(value)) {
				throw new IllegalArgumentException(setting.refusal(client, value));
			}
		}
	}

	private record Kept(String name, List<String> allowed, String why) {

		boolean allows(Object value) {
			return this.allowed.contains(String.valueOf(value).trim().toLowerCase(Locale.ROOT));
		}

		// names the setting and, unless it may be a secret, its value
		String refusal(String client, @Nullable Object value) {
			String given = this.allowed.isEmpty() ? "" : "=" + value;
			String only = this.allowed.isEmpty() ? "the relay sets it"
					: "the relay uses " + this.name + "=" + String.join(" or ", this.allowed);
			return "The Kafka " + client + " setting " + this.name + given + " (from " + BOOT + ") is refused: " + only
					+ ": " + this.why;
		}

	}

}
