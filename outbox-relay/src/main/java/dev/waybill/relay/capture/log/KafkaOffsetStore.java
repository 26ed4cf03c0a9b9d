package dev.waybill.relay.capture.log;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

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
 * Kafka transaction in exactly-once mode), so this store never writes: the run reads the
 * topic's committed positions ({@link OffsetsTopic#committedPositions()}) right before it
 * builds the engine and hands them over in an engine property ({@link #COMMITTED}), which
 * {@link #start()} loads, and {@link #set} only updates memory. That update matters: the
 * engine calls it after the batch is committed in Kafka, and the PostgreSQL task reads
 * the stored offset back to confirm {@code lsn_commit} to the replication slot; without
 * it the slot never advances.
 *
 * <p>
 * Public with a no-argument constructor because the engine instantiates it by class name.
 * It connects to nothing: the relay's Kafka clients may need credentials and key material
 * (SSL bundles) that engine properties, which Debezium logs, must not carry.
 */
public final class KafkaOffsetStore implements OffsetBackingStore {

	/**
	 * Engine property: the committed positions, each key and value in Base64, joined by
	 * {@code :} and the entries by {@code ,} ({@link #encode}).
	 */
	static final String COMMITTED = "waybill.offsets.committed";

	private final Map<ByteBuffer, ByteBuffer> offsets = new ConcurrentHashMap<>();

	private @Nullable Map<ByteBuffer, ByteBuffer> committed;

	/** Creates a store; the engine calls this reflectively. */
	public KafkaOffsetStore() {
	}

	@Override
	public void configure(WorkerConfig config) {
		Map<String, Object> originals = config.originals();
		Object committed = originals.get(COMMITTED);
		if (committed == null) {
			throw new ConnectException("Engine '" + originals.get("name") + "' lacks " + COMMITTED
					+ ": KafkaOffsetStore is configured by the relay's EngineConfiguration");
		}
		this.committed = decode(committed.toString());
	}

	/**
	 * @param positions committed positions
	 * @return them as the value of {@link #COMMITTED}
	 */
	static String encode(Map<ByteBuffer, ByteBuffer> positions) {
		Base64.Encoder base64 = Base64.getEncoder();
		return positions.entrySet()
			.stream()
			.map((entry) -> base64.encodeToString(bytes(entry.getKey())) + ":"
					+ base64.encodeToString(bytes(entry.getValue())))
			.collect(Collectors.joining(","));
	}

	static Map<ByteBuffer, ByteBuffer> decode(String encoded) {
		Map<ByteBuffer, ByteBuffer> positions = new HashMap<>();
		Base64.Decoder base64 = Base64.getDecoder();
		for (String entry : encoded.split(",", -1)) {
			if (!entry.isEmpty()) {
				String[] keyAndValue = entry.split(":", 2);
				positions.put(ByteBuffer.wrap(base64.decode(keyAndValue[0])),
						ByteBuffer.wrap(base64.decode(keyAndValue[1])));
			}
		}
		return positions;
	}

	private static byte[] bytes(ByteBuffer buffer) {
		ByteBuffer copy = buffer.duplicate();
		byte[] bytes = new byte[copy.remaining()];
		copy.get(bytes);
		return bytes;
	}

	@Override
	public void start() {
		Map<ByteBuffer, ByteBuffer> current = this.committed;
		if (current == null) {
			throw new IllegalStateException("configure() was not called");
		}
		this.offsets.putAll(current);
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
