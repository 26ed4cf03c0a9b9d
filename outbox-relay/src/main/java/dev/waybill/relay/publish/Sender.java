package dev.waybill.relay.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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
	 * @param transactionalId the source's stable id: the producer's client id, and its
	 * {@code transactional.id} when transactional
	 * @param settings the producer settings
	 * @param permitted asked right before a batch would become visible; a batch it
	 * refuses is not
	 */
	static Sender create(String transactionalId, ProducerSettings settings, BooleanSupplier permitted) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		if (settings.transactional()) {
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
			config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
			return new TransactionalSender(new KafkaProducer<>(config), permitted);
		}
		return new AcknowledgedSender(new KafkaProducer<>(config), permitted);
	}

}
