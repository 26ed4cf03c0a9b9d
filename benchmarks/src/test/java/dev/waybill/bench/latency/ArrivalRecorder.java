package dev.waybill.bench.latency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * A {@code read_committed} consumer of one topic, as an outbox consumer is configured, on
 * its own thread, keeping for each event (by the index its id encodes) the moment the
 * {@code poll} that returned it came back.
 */
final class ArrivalRecorder implements AutoCloseable {

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final long idBits;

	private final long[] arrivals;

	private final AtomicInteger received = new AtomicInteger();

	private final AtomicInteger duplicates = new AtomicInteger();

	private final AtomicInteger foreign = new AtomicInteger();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile @Nullable RuntimeException failure;

	ArrivalRecorder(String bootstrapServers, String topic, long idBits, int events, Duration fetchWait) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchWait.toMillis());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumer = new KafkaConsumer<>(config);
		// assigned, not subscribed: no group rebalance between the writer's first event
		// and the first fetch
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((partition) -> new TopicPartition(topic, partition.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		// resolves the positions now rather than at the first fetch
		partitions.forEach(this.consumer::position);
		this.idBits = idBits;
		this.arrivals = new long[events];
		this.thread = new Thread(this::record, "arrival-recorder");
	}

	ArrivalRecorder start() {
		this.thread.start();
		return this;
	}

	int received() {
		return this.received.get();
	}

	/**
	 * @return when each event arrived ({@link System#nanoTime()}), 0 for those that did
	 * not; read after {@link #close()}
	 */
	long[] arrivals() {
		return this.arrivals;
	}

	int duplicates() {
		return this.duplicates.get();
	}

	/**
	 * @return records whose id this benchmark did not write
	 */
	int foreign() {
		return this.foreign.get();
	}

	/**
	 * @return what stopped the consumer, if it failed
	 */
	@Nullable RuntimeException failure() {
		return this.failure;
	}

	private void record() {
		try {
			while (this.running) {
				ConsumerRecords<byte[], byte[]> records = this.consumer.poll(Duration.ofMillis(100));
				long now = System.nanoTime();
				for (ConsumerRecord<byte[], byte[]> record : records) {
					arrived(record, now);
				}
			}
		}
		catch (RuntimeException ex) {
			// kept for the phase to report: events not received after this are not lost
			this.failure = ex;
		}
	}

	private void arrived(ConsumerRecord<byte[], byte[]> record, long now) {
		Header id = record.headers().lastHeader("id");
		UUID uuid = (id != null) ? UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)) : null;
		if (uuid == null || uuid.getMostSignificantBits() != this.idBits
				|| uuid.getLeastSignificantBits() >= this.arrivals.length) {
			this.foreign.incrementAndGet();
		}
		else if (this.arrivals[(int) uuid.getLeastSignificantBits()] != 0) {
			this.duplicates.incrementAndGet();
		}
		else {
			this.arrivals[(int) uuid.getLeastSignificantBits()] = now;
			this.received.incrementAndGet();
		}
	}

	/**
	 * Stops recording; {@link #arrivals()} is complete after it.
	 */
	void stop() throws InterruptedException {
		this.running = false;
		if (this.thread.isAlive()) {
			this.thread.join();
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		this.consumer.close();
	}

}
