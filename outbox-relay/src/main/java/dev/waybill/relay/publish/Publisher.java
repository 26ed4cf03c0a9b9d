package dev.waybill.relay.publish;

import java.util.List;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Source;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes one source's batches of outbox rows, each together with the position it
 * brings the source to: in exactly-once mode in one Kafka transaction, so that the rows
 * and the position are visible to {@code read_committed} readers together or not at all;
 * at least once otherwise (the rows acknowledged before the position is written). Every
 * capture publishes through it, whatever it read the rows from.
 */
public interface Publisher extends AutoCloseable {

	/**
	 * Prepares the producer; in exactly-once mode this fences an older relay with the
	 * same transactional id and aborts its open transaction. Call it before the source
	 * reads its position: only committed positions count.
	 */
	void open();

	/**
	 * Routes the rows and publishes them with the position; returns once both are durable
	 * in Kafka.
	 * @param rows the rows, in the order to publish them; may be empty, to move the
	 * position alone
	 * @param position where the source stands once these rows are published
	 * @throws PublicationException when they could not be published; nothing of the batch
	 * is then visible to {@code read_committed} readers
	 */
	void publish(List<OutboxRow> rows, Position position);

	/** Closes the producer. */
	@Override
	void close();

	/**
	 * Creates the publisher for a source, with the delivery the relay is configured for.
	 * Each call makes a new producer: a source that restarts after a failure uses a fresh
	 * one, whose {@link #open()} aborts what the failed one left open.
	 * @param source the source
	 * @param relay the relay's configuration
	 * @param registry where to record metrics
	 * @return a publisher that is not open yet
	 */
	static Publisher create(Source source, RelayProperties relay, MeterRegistry registry) {
		return new KafkaPublisher(source.name(), Sender.create(source, relay),
				new OutboxRouter(relay.topicPrefix(), relay.deadLetterTopic()), relay.offsetsTopic(),
				new PublicationMetrics(registry, source.name()));
	}

	/**
	 * Fences every older producer of the source and aborts the transaction it left open,
	 * without publishing anything. The relay does this for all its sources before any of
	 * them reads the offsets topic they share: a transaction left open there by a relay
	 * that died would otherwise hold every reader back until the broker aborts it.
	 * @param source the source
	 * @param relay the relay's configuration; nothing is done unless it delivers exactly
	 * once
	 */
	static void fence(Source source, RelayProperties relay) {
		if (relay.delivery() != RelayProperties.Delivery.EXACTLY_ONCE) {
			return;
		}
		try (Sender sender = Sender.create(source, relay)) {
			sender.open();
		}
	}

}
