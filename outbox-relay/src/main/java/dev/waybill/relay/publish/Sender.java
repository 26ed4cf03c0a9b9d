package dev.waybill.relay.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayProperties.Source;
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
	 * Creates a sender with a new producer for the source, transactional or not as the
	 * relay's delivery says.
	 */
	static Sender create(Source source, RelayProperties relay) {
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
		if (relay.delivery() == Delivery.EXACTLY_ONCE) {
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, source.transactionalId());
			config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) relay.transactionTimeout().toMillis());
			return new TransactionalSender(new KafkaProducer<>(config));
		}
		return new AcknowledgedSender(new KafkaProducer<>(config));
	}

}
