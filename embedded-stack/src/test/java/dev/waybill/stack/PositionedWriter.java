package dev.waybill.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes like an exactly-once relay, on its own thread: each Kafka transaction holds a
 * batch of numbered records, spread over the data topic's partitions, and the position
 * (the next number) on a one-partition position topic. On any failure it closes its
 * producer, starts a new one with the same {@code transactional.id}, reads its position
 * back with a {@code read_committed} consumer and resumes there.
 */
final class PositionedWriter implements AutoCloseable {

	private static final String TRANSACTIONAL_ID = "kafka-20734-writer";

	private static final String POSITION_KEY = "position";

	private final String bootstrapServers;

	private final String dataTopic;

	private final int dataPartitions;

	private final TopicPartition position;

	private final int batch;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong committedPosition = new AtomicLong();

	private final AtomicLong transactions = new AtomicLong();

	private final AtomicLong recoveries = new AtomicLong();

	private final List<Long> rewinds = new CopyOnWriteArrayList<>();

	private final Thread thread;

	PositionedWriter(String bootstrapServers, String dataTopic, int dataPartitions, String positionTopic, int batch) {
		this.bootstrapServers = bootstrapServers;
		this.dataTopic = dataTopic;
		this.dataPartitions = dataPartitions;
		this.position = new TopicPartition(positionTopic, 0);
		this.batch = batch;
		this.thread = new Thread(this::write, "kafka-20734-writer");
	}

	PositionedWriter start() {
		this.thread.start();
		return this;
	}

	/**
	 * @return the next number after the last transaction this writer saw committed
	 */
	long committedPosition() {
		return this.committedPosition.get();
	}

	long transactions() {
		return this.transactions.get();
	}

	/**
	 * @return how often the writer started over from the position it read back
	 */
	long recoveries() {
		return this.recoveries.get();
	}

	/**
	 * @return for each recovery that read back a position below the last one this writer
	 * saw committed, by how many numbers it fell back: those numbers are written again
	 */
	List<Long> rewinds() {
		return List.copyOf(this.rewinds);
	}

	/** Lets the transaction under way finish, then stops. */
	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.thread.join(Duration.ofSeconds(60).toMillis());
	}

	private void write() {
		KafkaProducer<String, String> producer = null;
		long next = 0;
		while (this.running.get()) {
			try {
				if (producer == null) {
					producer = producer();
					// fences the previous producer and completes its transaction first,
					// so
					// the position read next is the committed one
					producer.initTransactions();
					next = readPosition();
					if (next < this.committedPosition.get()) {
						this.rewinds.add(this.committedPosition.get() - next);
					}
				}
				next = commitBatch(producer, next);
			}
			// any failure, like a relay that restarts its source task on any error
			catch (RuntimeException ex) {
				if (producer != null) {
					producer.close(Duration.ofSeconds(1));
					producer = null;
				}
				this.recoveries.incrementAndGet();
			}
		}
		if (producer != null) {
			producer.close();
		}
	}

	private long commitBatch(KafkaProducer<String, String> producer, long first) {
		producer.beginTransaction();
		for (long number = first; number < first + this.batch; number++) {
			String value = Long.toString(number);
			producer.send(new ProducerRecord<>(this.dataTopic, (int) (number % this.dataPartitions), value, value));
		}
		long next = first + this.batch;
		producer.send(new ProducerRecord<>(this.position.topic(), 0, POSITION_KEY, Long.toString(next)));
		producer.commitTransaction();
		this.committedPosition.set(next);
		this.transactions.incrementAndGet();
		return next;
	}

	// reads up to the last stable offset: a transaction left open on the position
	// partition hides every position written after it began
	private long readPosition() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				readCommitted(this.bootstrapServers, Duration.ofSeconds(5)))) {
			consumer.assign(List.of(this.position));
			consumer.seekToBeginning(List.of(this.position));
			long end = consumer.endOffsets(List.of(this.position)).get(this.position);
			long next = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (consumer.position(this.position) < end) {
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("Position not read up to offset " + end);
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					next = Long.parseLong(record.value());
				}
			}
			return next;
		}
	}

	private KafkaProducer<String, String> producer() {
		// short timeouts: an outage of a few seconds fails the transaction under way
		// instead of being waited out, and the writer starts over
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		return new KafkaProducer<>(config);
	}

	static Map<String, Object> readCommitted(String bootstrapServers, Duration apiTimeout) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis(),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
	}

}
