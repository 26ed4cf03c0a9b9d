package dev.waybill.relay.publish;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Routes a batch, has the {@link Sender} make it durable with its position record, and
 * records the metrics.
 */
final class KafkaPublisher implements Publisher {

	private final String source;

	private final Sender sender;

	private final OutboxRouter router;

	private final String offsetsTopic;

	private final PublicationMetrics metrics;

	KafkaPublisher(String source, Sender sender, OutboxRouter router, String offsetsTopic, PublicationMetrics metrics) {
		this.source = source;
		this.sender = sender;
		this.router = router;
		this.offsetsTopic = offsetsTopic;
		this.metrics = metrics;
	}

	@Override
	public void open() {
		this.sender.open();
	}

	@Override
	public void publish(List<OutboxRow> rows, Position position) {
		RoutedBatch batch = new RoutedBatch(rows.size());
		for (OutboxRow row : rows) {
			batch.add(this.source, this.router.route(row));
		}
		try {
			this.sender.send(batch.records(),
					new ProducerRecord<>(this.offsetsTopic, position.key(), position.value()));
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			throw new PublicationException("Source '" + this.source + "': publishing a batch of " + rows.size()
					+ " rows failed; the source restarts and resumes after its last committed position", ex);
		}
		batch.committed(this.metrics, rows.size(), Instant.now());
	}

	@Override
	public void close() {
		this.sender.close();
	}

}
