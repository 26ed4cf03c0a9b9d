package dev.waybill.outbox.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import dev.waybill.contract.WireContract;

/**
 * Stands in for outbox-relay in tests: publishes records exactly as the relay does (topic
 * {@code <prefix><aggregatetype>}, key = aggregate id, value = the stored payload text,
 * headers {@code id}, {@code eventType}, {@code aggregateVersion}, {@code traceparent}),
 * inside Kafka transactions, to a real broker.
 */
public final class TestRelay implements AutoCloseable {

	private final KafkaProducer<String, String> producer;

	private final String bootstrapServers;

	private final String topicPrefix;

	/**
	 * Creates a transactional producer.
	 * @param bootstrapServers the broker
	 * @param topicPrefix the topic prefix, {@code outbox.event.} by default
	 */
	public TestRelay(String bootstrapServers, String topicPrefix) {
		this.bootstrapServers = bootstrapServers;
		this.topicPrefix = topicPrefix;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-relay-" + UUID.randomUUID(),
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		this.producer.initTransactions();
	}

	/**
	 * A record as the relay publishes it.
	 * @param topic the topic
	 * @param key the aggregate id
	 * @param id the event id
	 * @param type the event type
	 * @param version the aggregate version
	 * @param payload the payload JSON, or {@code null} for a tombstone
	 * @return the record
	 */
	public static ProducerRecord<String, String> record(String topic, String key, UUID id, String type, long version,
			@Nullable String payload) {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
		header(record, WireContract.HEADER_ID, id.toString());
		header(record, WireContract.HEADER_EVENT_TYPE, type);
		header(record, WireContract.HEADER_AGGREGATE_VERSION, Long.toString(version));
		return record;
	}

	/**
	 * Adds a text header.
	 * @param record the record
	 * @param name the header name
	 * @param value the value
	 * @return the record
	 */
	public static ProducerRecord<String, String> header(ProducerRecord<String, String> record, String name,
			@Nullable String value) {
		if (value != null) {
			record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	/**
	 * @param aggregateType the aggregate type
	 * @return its topic under this relay's prefix
	 */
	public String topic(String aggregateType) {
		return this.topicPrefix + aggregateType;
	}

	/**
	 * Publishes records in one Kafka transaction.
	 * @param records the records
	 */
	public void send(List<ProducerRecord<String, String>> records) {
		this.producer.beginTransaction();
		try {
			List<Future<RecordMetadata>> sent = records.stream().map(this.producer::send).toList();
			this.producer.commitTransaction();
			for (Future<RecordMetadata> each : sent) {
				each.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | RuntimeException ex) {
			this.producer.abortTransaction();
			throw new IllegalStateException("Could not publish " + records.size() + " records", ex);
		}
	}

	/**
	 * Reads a topic of this relay's broker from the beginning until it holds at least
	 * {@code count} records with the given key, and keeps only those: tests that share a
	 * service share its dead-letter topics, where each finds its own records by their
	 * key.
	 * @param topic the topic, such as a dead-letter topic
	 * @param key the key of the records to keep, such as an order id
	 * @param count how many such records to wait for
	 * @return the records with that key, at least {@code count}, in the order read
	 * @throws IllegalStateException when they do not arrive within 30 seconds
	 */
	public List<ConsumerRecord<String, String>> readWithKey(String topic, String key, int count) {
		return read(this.bootstrapServers, topic, (record) -> key.equals(record.key()), count);
	}

	/**
	 * Reads a topic from the beginning until it holds at least {@code count} records.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param count how many records to wait for
	 * @return the records read, at least {@code count}
	 * @throws IllegalStateException when they do not arrive within 30 seconds
	 */
	public static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic, int count) {
		return read(bootstrapServers, topic, (record) -> true, count);
	}

	private static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic,
			Predicate<ConsumerRecord<String, String>> wanted, int count) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"test-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < count && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (wanted.test(record)) {
						records.add(record);
					}
				}
			}
		}
		if (records.size() < count) {
			throw new IllegalStateException("Expected " + count + " records on " + topic + ", got " + records.size());
		}
		return records;
	}

	/**
	 * @param record a consumed record
	 * @param name a header name
	 * @return the header's text, or {@code null}
	 */
	public static @Nullable String header(ConsumerRecord<String, String> record, String name) {
		org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
