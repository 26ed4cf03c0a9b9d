package dev.waybill.relay.publish;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Source;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Routes a batch, has the {@link Sender} make it durable with its position record, and
 * records the metrics; the publishing path both capture strategies share.
 */
final class KafkaRowPublisher implements RowPublisher {

	private final String source;

	private final Sender sender;

	private final OutboxRouter router;

	private final PublicationMetrics metrics;

	KafkaRowPublisher(String source, Sender sender, OutboxRouter router, PublicationMetrics metrics) {
		this.source = source;
		this.sender = sender;
		this.router = router;
		this.metrics = metrics;
	}

	static KafkaRowPublisher create(Source source, RelayProperties relay, MeterRegistry registry) {
		return new KafkaRowPublisher(source.name(), Sender.create(source, relay),
				new OutboxRouter(relay.topicPrefix(), relay.deadLetterTopic()),
				new PublicationMetrics(registry, source.name()));
	}

	@Override
	public void open() {
		this.sender.open();
	}

	@Override
	public void publish(List<OutboxRow> rows, ProducerRecord<byte[], byte[]> position) {
		publish(rows, this.router::route, position);
	}

	void publishChanges(List<RecordChangeEvent<SourceRecord>> changes, ProducerRecord<byte[], byte[]> position) {
		publish(changes, (change) -> this.router.route(change.record()), position);
	}

	@Override
	public void close() {
		this.sender.close();
	}

	private <T> void publish(List<T> changes, Function<T, Routing> route, ProducerRecord<byte[], byte[]> position) {
		RoutedBatch batch = new RoutedBatch(changes.size());
		for (T change : changes) {
			batch.add(this.source, route.apply(change));
		}
		try {
			this.sender.send(batch.records(), position);
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			throw new PublicationException("Source '" + this.source + "': publishing a batch of " + changes.size()
					+ " changes failed; the source restarts and resumes after its last committed position", ex);
		}
		batch.committed(this.metrics, changes.size(), Instant.now());
	}

}
