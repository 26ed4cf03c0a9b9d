package dev.waybill.relay.capture.log;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import dev.waybill.relay.offsets.OffsetsTopic;
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
 * reads the topic's committed positions ({@link OffsetsTopic#committedPositions()}), and
 * {@link #set} only updates memory. That update matters: the engine calls it after the
 * batch is committed in Kafka, and the PostgreSQL task reads the stored offset back to
 * confirm {@code lsn_commit} to the replication slot; without it the slot never advances.
 *
 * <p>
 * Public with a no-argument constructor because the engine instantiates it by class name;
 * the topic, the bootstrap servers and the transaction timeout reach it as engine
 * properties of its own ({@link #TOPIC}, {@link #BOOTSTRAP_SERVERS},
 * {@link #TRANSACTION_TIMEOUT_MS}), which the relay sets ({@link EngineConfiguration}).
 */
public final class KafkaOffsetStore implements OffsetBackingStore {

	/** Engine property: the offsets topic. */
	static final String TOPIC = "waybill.offsets.topic";

	/** Engine property: the brokers holding it. */
	static final String BOOTSTRAP_SERVERS = "waybill.offsets.bootstrap.servers";

	/**
	 * Engine property: the longest a transaction on the topic may stay open, which bounds
	 * the wait for one to end while reading.
	 */
	static final String TRANSACTION_TIMEOUT_MS = "waybill.offsets.transaction.timeout.ms";

	private final Map<ByteBuffer, ByteBuffer> offsets = new ConcurrentHashMap<>();

	private @Nullable OffsetsTopic topic;

	/** Creates a store; the engine calls this reflectively. */
	public KafkaOffsetStore() {
	}

	@Override
	public void configure(WorkerConfig config) {
		Map<String, Object> originals = config.originals();
		Object topic = originals.get(TOPIC);
		Object bootstrapServers = originals.get(BOOTSTRAP_SERVERS);
		Object timeout = originals.get(TRANSACTION_TIMEOUT_MS);
		if (topic == null || bootstrapServers == null || timeout == null) {
			throw new ConnectException("Engine '" + originals.get("name") + "' lacks " + TOPIC + ", "
					+ BOOTSTRAP_SERVERS + " or " + TRANSACTION_TIMEOUT_MS
					+ ": KafkaOffsetStore is configured by the relay's EngineConfiguration");
		}
		this.topic = new OffsetsTopic(bootstrapServers.toString(), topic.toString(),
				Duration.ofMillis(Long.parseLong(timeout.toString())));
	}

	@Override
	public void start() {
		OffsetsTopic current = this.topic;
		if (current == null) {
			throw new IllegalStateException("configure() was not called");
		}
		try {
			this.offsets.putAll(current.committedPositions());
		}
		catch (IllegalStateException ex) {
			// the engine reports a ConnectException as the connector's failure to start
			throw new ConnectException(ex.getMessage(), ex);
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

}
