package dev.waybill.relay.publish;

import java.util.HashMap;
import java.util.Map;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayProperties.Source;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, relay.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, (int) RelayProperties.LINGER.toMillis());
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) relay.producer().deliveryTimeout().toMillis());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) relay.producer().requestTimeout().toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, relay.producer().maxBlock().toMillis());
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, source.transactionalId());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		Sender sender;
		if (relay.delivery() == Delivery.EXACTLY_ONCE) {
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, source.transactionalId());
			config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) relay.transactionTimeout().toMillis());
			sender = new TransactionalSender(new KafkaProducer<>(config));
		}
		else {
			sender = new AcknowledgedSender(new KafkaProducer<>(config));
		}
		return new KafkaPublisher(source.name(), sender, new OutboxRouter(relay.topicPrefix(), relay.deadLetterTopic()),
				new OffsetRecords(source.name(), relay.offsetsTopic()),
				new PublicationMetrics(registry, source.name()));
	}

}
