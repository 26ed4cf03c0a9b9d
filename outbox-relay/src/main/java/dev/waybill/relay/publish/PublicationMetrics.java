package dev.waybill.relay.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The relay's meters for one source, all tagged with the source name.
 */
final class PublicationMetrics {

	private final MeterRegistry registry;

	private final String source;

	private final Map<String, Counter> publishedByTopic = new ConcurrentHashMap<>();

	private final Counter deadLetters;

	private final Counter errors;

	private final Timer commitToAck;

	private final DistributionSummary batchSize;

	PublicationMetrics(MeterRegistry registry, String source) {
		this.registry = registry;
		this.source = source;
		this.deadLetters = counter("waybill.relay.dead.letters",
				"Outbox rows that could not be routed and went to the dead-letter topic")
			.register(registry);
		this.errors = counter("waybill.relay.errors", "Batches that failed to publish and stopped the source")
			.register(registry);
		this.commitToAck = Timer.builder("waybill.relay.commit.to.ack")
			.description("From an event's occurred_at to the Kafka commit that published it")
			.tag("source", source)
			.register(registry);
		this.batchSize = DistributionSummary.builder("waybill.relay.batch.size")
			.description("Outbox rows per batch (one Kafka transaction in exactly-once mode)")
			.tag("source", source)
			.register(registry);
	}

	void published(String topic, long count) {
		this.publishedByTopic.computeIfAbsent(topic, this::publishedCounter).increment((double) count);
	}

	void acknowledged(Instant occurredAt, Instant committedAt) {
		this.commitToAck.record(Duration.between(occurredAt, committedAt));
	}

	void deadLettered() {
		this.deadLetters.increment();
	}

	void failed() {
		this.errors.increment();
	}

	void batch(int size) {
		this.batchSize.record(size);
	}

	private Counter publishedCounter(String topic) {
		return counter("waybill.relay.events.published", "Outbox events published").tag("topic", topic)
			.register(this.registry);
	}

	private Counter.Builder counter(String name, String description) {
		return Counter.builder(name).description(description).tag("source", this.source);
	}

}
