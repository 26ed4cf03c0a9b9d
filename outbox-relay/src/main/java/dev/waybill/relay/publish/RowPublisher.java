package dev.waybill.relay.publish;

import java.util.List;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Source;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes batches of outbox rows that a poller read, each together with a position
 * record that says which rows the batch held (in exactly-once mode, in one Kafka
 * transaction: both are visible to {@code read_committed} readers, or neither).
 */
public interface RowPublisher extends AutoCloseable {

	/**
	 * Prepares the producer; in exactly-once mode this fences an older relay with the
	 * same transactional id and aborts its open transaction.
	 */
	void open();

	/**
	 * Routes the rows and publishes them with the position record; returns once both are
	 * durable in Kafka.
	 * @param rows the rows, in the order to publish them
	 * @param position the record for the offsets topic that names these rows
	 * @throws PublicationException when they could not be published; nothing of the batch
	 * is then visible to {@code read_committed} readers
	 */
	void publish(List<OutboxRow> rows, ProducerRecord<byte[], byte[]> position);

	/** Closes the producer. */
	@Override
	void close();

	/**
	 * Creates the row publisher for a source, with the delivery the relay is configured
	 * for, and a new producer.
	 * @param source the source
	 * @param relay the relay's configuration
	 * @param registry where to record metrics
	 * @return a publisher that is not open yet
	 */
	static RowPublisher create(Source source, RelayProperties relay, MeterRegistry registry) {
		return KafkaRowPublisher.create(source, relay, registry);
	}

}
