package dev.waybill.relay.publish;

import java.util.function.BooleanSupplier;

import dev.waybill.relay.Source;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link Publishers} to Kafka, with the producer settings every source shares.
 */
final class KafkaPublishers implements Publishers {

	private final ProducerSettings producer;

	private final Topics topics;

	private final MeterRegistry registry;

	private final @Nullable String cloudEventsSourcePrefix;

	KafkaPublishers(ProducerSettings producer, Topics topics, MeterRegistry registry,
			@Nullable String cloudEventsSourcePrefix) {
		this.producer = producer;
		this.topics = topics;
		this.registry = registry;
		this.cloudEventsSourcePrefix = cloudEventsSourcePrefix;
	}

	@Override
	public Publisher create(Source source, BooleanSupplier permitted) {
		return new KafkaPublisher(source.name(), Sender.create(source.transactionalId(), this.producer, permitted),
				new OutboxRouter(this.topics.prefix(), this.topics.deadLetter(), cloudEvents(source)),
				this.topics.offsets(), new PublicationMetrics(this.registry, source.name()));
	}

	private @Nullable CloudEventHeaders cloudEvents(Source source) {
		String prefix = this.cloudEventsSourcePrefix;
		return (prefix != null) ? new CloudEventHeaders(prefix + source.name()) : null;
	}

	@Override
	public void fence(Source source) {
		if (!this.producer.transactional()) {
			return;
		}
		try (Sender sender = Sender.create(source.transactionalId(), this.producer, () -> true)) {
			sender.open();
		}
	}

}
