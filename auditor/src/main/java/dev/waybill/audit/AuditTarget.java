package dev.waybill.audit;

import java.time.Duration;
import java.util.Objects;

import dev.waybill.contract.WireContract;

/**
 * The system to audit.
 *
 * @param orders order-service's database
 * @param inventory inventory-service's database
 * @param bootstrapServers the Kafka {@code bootstrap.servers}
 * @param topicPrefix the relay's topic prefix; every topic that starts with it is read,
 * except consumers' dead-letter topics
 * @param consumerDeadLetterSuffix the suffix of the consumers' dead-letter topics
 * (outbox-kafka's {@code waybill.outbox.kafka.dead-letter-suffix}), which share the
 * prefix but hold no published events
 * @param relayDeadLetterTopic the relay's dead-letter topic, read to tell a dead-lettered
 * outbox row from a lost one
 * @param maxPendingAge how long an order may stay {@code PENDING} before it counts as
 * stuck
 * @param kafkaTimeout how long the broker may take to answer the audit's first request
 * (listing the topics) before the audit gives up; from 1 ms to 24 days
 */
public record AuditTarget(Database orders, Database inventory, String bootstrapServers, String topicPrefix,
		String consumerDeadLetterSuffix, String relayDeadLetterTopic, Duration maxPendingAge, Duration kafkaTimeout) {

	/** The relay's default topic prefix. */
	public static final String DEFAULT_TOPIC_PREFIX = WireContract.TOPIC_PREFIX;

	/** outbox-kafka's default dead-letter suffix. */
	public static final String DEFAULT_CONSUMER_DEAD_LETTER_SUFFIX = WireContract.DEAD_LETTER_SUFFIX;

	/** The relay's default dead-letter topic. */
	public static final String DEFAULT_RELAY_DEAD_LETTER_TOPIC = WireContract.RELAY_DEAD_LETTER_TOPIC;

	/** The default longest legitimate wait for inventory's answer. */
	public static final Duration DEFAULT_MAX_PENDING_AGE = Duration.ofMinutes(5);

	/** The default wait for the broker's first answer. */
	public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(10);

	// the Kafka clients take their timeouts as int milliseconds
	private static final Duration MAX_KAFKA_TIMEOUT = Duration.ofDays(24);

	/**
	 * Validates every part up front.
	 */
	public AuditTarget {
		Objects.requireNonNull(orders, "orders");
		Objects.requireNonNull(inventory, "inventory");
		requireText(bootstrapServers, "bootstrapServers");
		requireText(topicPrefix, "topicPrefix");
		requireText(consumerDeadLetterSuffix, "consumerDeadLetterSuffix");
		requireText(relayDeadLetterTopic, "relayDeadLetterTopic");
		Objects.requireNonNull(maxPendingAge, "maxPendingAge");
		if (maxPendingAge.isNegative()) {
			throw new IllegalArgumentException("maxPendingAge must not be negative, was " + maxPendingAge);
		}
		Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
		if (kafkaTimeout.compareTo(Duration.ofMillis(1)) < 0 || kafkaTimeout.compareTo(MAX_KAFKA_TIMEOUT) > 0) {
			throw new IllegalArgumentException("kafkaTimeout must be from 1ms to 24d, was " + kafkaTimeout);
		}
	}

	/**
	 * A target with the default Kafka timeout.
	 * @param orders order-service's database
	 * @param inventory inventory-service's database
	 * @param bootstrapServers the Kafka {@code bootstrap.servers}
	 * @param topicPrefix the relay's topic prefix
	 * @param consumerDeadLetterSuffix the suffix of the consumers' dead-letter topics
	 * @param relayDeadLetterTopic the relay's dead-letter topic
	 * @param maxPendingAge how long an order may stay {@code PENDING}
	 */
	public AuditTarget(Database orders, Database inventory, String bootstrapServers, String topicPrefix,
			String consumerDeadLetterSuffix, String relayDeadLetterTopic, Duration maxPendingAge) {
		this(orders, inventory, bootstrapServers, topicPrefix, consumerDeadLetterSuffix, relayDeadLetterTopic,
				maxPendingAge, DEFAULT_KAFKA_TIMEOUT);
	}

	/**
	 * The demo's system: PostgreSQL on {@code 127.0.0.1:5433} with databases and roles
	 * {@code orders} and {@code inventory}, Kafka on {@code 127.0.0.1:9092}, the default
	 * topics, a five-minute pending limit and the default Kafka timeout.
	 * @return the demo's target
	 */
	public static AuditTarget demo() {
		return new AuditTarget(new Database("jdbc:postgresql://127.0.0.1:5433/orders", "orders", "orders"),
				new Database("jdbc:postgresql://127.0.0.1:5433/inventory", "inventory", "inventory"), "127.0.0.1:9092",
				DEFAULT_TOPIC_PREFIX, DEFAULT_CONSUMER_DEAD_LETTER_SUFFIX, DEFAULT_RELAY_DEAD_LETTER_TOPIC,
				DEFAULT_MAX_PENDING_AGE);
	}

	/**
	 * @param prefix another topic prefix
	 * @return this target reading the topics under that prefix
	 */
	public AuditTarget withTopicPrefix(String prefix) {
		return new AuditTarget(this.orders, this.inventory, this.bootstrapServers, prefix,
				this.consumerDeadLetterSuffix, this.relayDeadLetterTopic, this.maxPendingAge, this.kafkaTimeout);
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
