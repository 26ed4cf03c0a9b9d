package dev.waybill.relay.capture;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The engine's offset store, backed by the relay's compacted offsets topic.
 *
 * <p>
 * The publishers write each batch's source offset to that topic themselves (inside the
 * Kafka transaction in exactly-once mode), so this store never writes: {@link #start()}
 * reads the topic with {@code isolation.level=read_committed}, and {@link #set} only
 * updates memory. That update matters: the engine calls it after the batch is committed
 * in Kafka, and the PostgreSQL task reads the stored offset back to confirm
 * {@code lsn_commit} to the replication slot; without it the slot never advances.
 *
 * <p>
 * Public with a no-argument constructor because the engine instantiates it by class name
 * and hands it only the engine's own configuration; the topic and bootstrap servers reach
 * it through {@link #register}, keyed by the engine name.
 */
public final class KafkaOffsetStore implements OffsetBackingStore {

	private static final Map<String, Settings> SETTINGS = new ConcurrentHashMap<>();

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private final Map<ByteBuffer, ByteBuffer> offsets = new ConcurrentHashMap<>();

	private @Nullable Settings settings;

	/** Creates a store; the engine calls this reflectively. */
	public KafkaOffsetStore() {
	}

	static void register(String engineName, String bootstrapServers, String topic) {
		SETTINGS.put(engineName, new Settings(bootstrapServers, topic));
	}

	static void unregister(String engineName) {
		SETTINGS.remove(engineName);
	}

	@Override
	public void configure(WorkerConfig config) {
		Object engineName = config.originals().get("name");
		Settings registered = (engineName != null) ? SETTINGS.get(engineName.toString()) : null;
		if (registered == null) {
			throw new ConnectException("No offsets topic is registered for engine '" + engineName
					+ "'; KafkaOffsetStore is only usable through the relay's SourceCapture");
		}
		this.settings = registered;
	}

	@Override
	public void start() {
		Settings current = this.settings;
		if (current == null) {
			throw new IllegalStateException("configure() was not called");
		}
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(current))) {
			List<TopicPartition> partitions = consumer.partitionsFor(current.topic(), READ_TIMEOUT)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (!reachedEnd(consumer, end)) {
				if (System.nanoTime() > deadline) {
					throw new ConnectException("Reading offsets topic " + current.topic() + " timed out");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					remember(record.key(), record.value());
				}
			}
		}
	}

	@Override
	public void stop() {
		this.offsets.clear();
	}

	@Override
	public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
		Map<ByteBuffer, ByteBuffer> found = new HashMap<>();
		for (ByteBuffer key : keys) {
			ByteBuffer value = this.offsets.get(key);
			if (value != null) {
				found.put(key, value);
			}
		}
		return CompletableFuture.completedFuture(found);
	}

	@Override
	public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, @Nullable Callback<Void> callback) {
		values.forEach((key, value) -> {
			if (value == null) {
				this.offsets.remove(key);
			}
			else {
				this.offsets.put(key, value);
			}
		});
		if (callback != null) {
			callback.onCompletion(null, null);
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public Set<Map<String, Object>> connectorPartitions(String connectorName) {
		return Set.of();
	}

	private void remember(byte @Nullable [] key, byte @Nullable [] value) {
		if (key == null) {
			return;
		}
		if (value == null) {
			this.offsets.remove(ByteBuffer.wrap(key));
		}
		else {
			this.offsets.put(ByteBuffer.wrap(key), ByteBuffer.wrap(value));
		}
	}

	private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
			if (consumer.position(entry.getKey()) < entry.getValue()) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, Object> consumerProperties(Settings settings) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				"false", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
	}

	private record Settings(String bootstrapServers, String topic) {
	}

}
