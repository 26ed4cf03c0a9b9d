package dev.waybill.relay.capture;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

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
 * reads the topic's committed positions ({@link CommittedPositions}), and {@link #set}
 * only updates memory. That update matters: the engine calls it after the batch is
 * committed in Kafka, and the PostgreSQL task reads the stored offset back to confirm
 * {@code lsn_commit} to the replication slot; without it the slot never advances.
 *
 * <p>
 * Public with a no-argument constructor because the engine instantiates it by class name
 * and hands it only the engine's own configuration; the topic and bootstrap servers reach
 * it through {@link #register}, keyed by the engine name.
 */
public final class KafkaOffsetStore implements OffsetBackingStore {

	private static final Map<String, Settings> SETTINGS = new ConcurrentHashMap<>();

	private final Map<ByteBuffer, ByteBuffer> offsets = new ConcurrentHashMap<>();

	private @Nullable Settings settings;

	/** Creates a store; the engine calls this reflectively. */
	public KafkaOffsetStore() {
	}

	static void register(String engineName, String bootstrapServers, String topic, Duration transactionTimeout) {
		SETTINGS.put(engineName, new Settings(bootstrapServers, topic, transactionTimeout));
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
		this.offsets
			.putAll(CommittedPositions.read(current.bootstrapServers(), current.topic(), current.transactionTimeout()));
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

	private record Settings(String bootstrapServers, String topic, Duration transactionTimeout) {
	}

}
