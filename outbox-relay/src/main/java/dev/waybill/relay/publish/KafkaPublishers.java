package dev.waybill.relay.publish;

import dev.waybill.relay.Source;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@link Publishers} to Kafka, with the producer settings every source shares.
 */
final class KafkaPublishers implements Publishers {

	private final ProducerSettings producer;

	private final Topics topics;

	private final MeterRegistry registry;

	KafkaPublishers(ProducerSettings producer, Topics topics, MeterRegistry registry) {
		this.producer = producer;
		this.topics = topics;
		this.registry = registry;
	}

	@Override
	public Publisher create(Source source) {
		return new KafkaPublisher(source.name(), Sender.create(source.transactionalId(), this.producer),
				new OutboxRouter(this.topics.prefix(), this.topics.deadLetter()), this.topics.offsets(),
				new PublicationMetrics(this.registry, source.name()));
	}

	@Override
	public void fence(Source source) {
		if (!this.producer.transactional()) {
			return;
		}
		try (Sender sender = Sender.create(source.transactionalId(), this.producer)) {
			sender.open();
		}
	}

}
