package dev.waybill.relay.publish;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends one batch and its position record (the source offset, or the polled rows'
 * marker), and returns only once both are durable in Kafka; throws if they are not.
 */
interface Sender extends AutoCloseable {

	void open();

	void send(List<ProducerRecord<byte[], byte[]>> records, ProducerRecord<byte[], byte[]> position);

	@Override
	void close();

	/**
	 * Creates a sender with a new producer, transactional or not as the settings say.
	 * @param transactionalId the source's stable id: the producer's client id (after any
	 * configured one), and its {@code transactional.id} when transactional
	 * @param settings the producer settings
	 * @param permitted asked right before a batch would become visible; a batch it
	 * refuses is not
	 */
	static Sender create(String transactionalId, ProducerSettings settings, BooleanSupplier permitted) {
		Map<String, Object> config = settings.clients().producerFor(transactionalId);
		// batching is the configuration's to tune (spring.kafka.producer.batch-size,
		// .properties.linger.ms); the relay's choices apply where it says nothing
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
		config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		if (settings.transactional()) {
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
			config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
			return new TransactionalSender(new KafkaProducer<>(config), permitted);
		}
		return new AcknowledgedSender(new KafkaProducer<>(config), permitted);
	}

}
