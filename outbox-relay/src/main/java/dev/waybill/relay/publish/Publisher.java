package dev.waybill.relay.publish;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Source;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Publishes the batches one source's engine hands over, each with the source offset of
 * its last change event, and only then marks the batch processed.
 */
public interface Publisher extends DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>>, AutoCloseable {

	/**
	 * Prepares the producer; in exactly-once mode this fences an older relay with the
	 * same transactional id and aborts its open transaction. Call it before the engine
	 * starts: the offset store reads committed offsets only.
	 */
	void open();

	/**
	 * Waits for the batch in flight to finish (commit or abort) and refuses later ones,
	 * so that the engine can be closed without cutting a transaction in half.
	 */
	void halt();

	/** Halts, then closes the producer. */
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
		return new KafkaPublisher(KafkaRowPublisher.create(source, relay, registry),
				new OffsetRecords(source.name(), relay.offsetsTopic()));
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
