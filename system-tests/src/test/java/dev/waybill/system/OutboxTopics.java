package dev.waybill.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * The demo's Kafka as the saga tests see it: the outbox topics read as a
 * {@code read_committed} consumer reads them, and records published the way the relay
 * publishes them, in a Kafka transaction.
 */
final class OutboxTopics implements AutoCloseable {

	static final String ORDER = "outbox.event.order";

	static final String RESERVATION = "outbox.event.reservation";

	static final String PRODUCT = "outbox.event.product";

	static final List<String> ALL = List.of(ORDER, RESERVATION, PRODUCT);

	private final String bootstrapServers;

	private final KafkaProducer<byte[], byte[]> producer;

	OutboxTopics(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, "saga-tests-" + UUID.randomUUID(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
		this.producer.initTransactions();
	}

	/**
	 * Reads every committed record of a topic, from the beginning to its current end.
	 * @param topic the topic
	 * @return its records, partition by partition in offset order
	 */
	List<ConsumerRecord<byte[], byte[]>> read(String topic) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			return records;
		}
	}

	/**
	 * Publishes records again with the same key, value and headers, in one transaction.
	 * @param records the records, published in this order
	 */
	void republish(List<ConsumerRecord<byte[], byte[]>> records) {
		publish(records.stream().map(OutboxTopics::again).toList());
	}

	/**
	 * @param record a record read from a topic
	 * @return the same record (key, value, headers) to publish again
	 */
	static ProducerRecord<byte[], byte[]> again(ConsumerRecord<byte[], byte[]> record) {
		return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers());
	}

	/**
	 * @param record a record read from a topic
	 * @return the same record with a new event id: to the inbox, a new event
	 */
	static ProducerRecord<byte[], byte[]> asNewEvent(ConsumerRecord<byte[], byte[]> record) {
		List<Header> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			headers.add(header.key().equals("id") ? header("id", UUID.randomUUID().toString()) : header);
		}
		return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
	}

	static String id(ProducerRecord<byte[], byte[]> record) {
		return new String(record.headers().lastHeader("id").value(), StandardCharsets.UTF_8);
	}

	/** Publishes records in one transaction. */
	void publish(List<ProducerRecord<byte[], byte[]>> records) {
		this.producer.beginTransaction();
		for (ProducerRecord<byte[], byte[]> record : records) {
			// a failed send makes commitTransaction() throw
			Future<RecordMetadata> unused = this.producer.send(record);
		}
		this.producer.commitTransaction();
	}

	/**
	 * @return a record shaped as the relay shapes one: key, payload, {@code id},
	 * {@code eventType} and {@code aggregateVersion} headers
	 */
	static ProducerRecord<byte[], byte[]> event(String topic, String key, String eventType, String payload) {
		return new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8),
				payload.getBytes(StandardCharsets.UTF_8), List.of(header("id", UUID.randomUUID().toString()),
						header("eventType", eventType), header("aggregateVersion", "1")));
	}

	static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	static String key(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.key(), StandardCharsets.UTF_8);
	}

	static String value(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.value(), StandardCharsets.UTF_8);
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
