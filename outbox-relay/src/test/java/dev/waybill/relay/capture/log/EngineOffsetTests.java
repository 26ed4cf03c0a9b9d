package dev.waybill.relay.capture.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.waybill.relay.publish.Position;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.apache.kafka.connect.util.Callback;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineOffsetTests {

	@Test
	void serialisesKeyAndValueExactlyAsTheEnginesOffsetWriterDoes() throws Exception {
		Map<String, ?> partition = Map.of("server", "orders");
		Map<String, Object> offset = new HashMap<>();
		offset.put("lsn_proc", 123456789L);
		offset.put("lsn_commit", 123456700L);
		offset.put("txId", 42L);
		offset.put("ts_usec", 1700000000000000L);
		SourceRecord change = new SourceRecord(partition, offset, "orders.public.outbox_event", null, null);

		Position ours = new EngineOffset("orders").of(change);

		Map<ByteBuffer, ByteBuffer> written = writtenByKafkasOffsetWriter("orders", partition, offset);
		assertThat(written).containsExactly(Map.entry(ByteBuffer.wrap(ours.key()), ByteBuffer.wrap(ours.value())));
		assertThat(new String(ours.key(), StandardCharsets.UTF_8)).isEqualTo("[\"orders\",{\"server\":\"orders\"}]");
	}

	@Test
	void removesThePositionUnderTheKeyTheEngineReadsItBy() {
		Position change = new EngineOffset("orders").of(new SourceRecord(Map.of("server", "orders"), Map.of("lsn", 1L),
				"orders.public.outbox_event", null, null));

		Position removal = new EngineOffset("orders").removal();

		assertThat(removal.key()).isEqualTo(change.key());
		assertThat(removal.value()).isNull();
	}

	private static Map<ByteBuffer, ByteBuffer> writtenByKafkasOffsetWriter(String engineName, Map<String, ?> partition,
			Map<String, ?> offset) throws Exception {
		JsonConverter keys = new JsonConverter();
		keys.configure(Map.of("schemas.enable", "false"), true);
		JsonConverter values = new JsonConverter();
		values.configure(Map.of("schemas.enable", "false"), false);
		RecordingStore store = new RecordingStore();
		OffsetStorageWriter writer = new OffsetStorageWriter(store, engineName, keys, values);
		writer.offset(partition, offset);
		assertThat(writer.beginFlush()).isTrue();
		writer.doFlush((error, result) -> {
		}).get(5, TimeUnit.SECONDS);
		return store.written;
	}

	// records what Kafka's writer hands to a store, the way the
	// engine's store receives it
	private static final class RecordingStore implements OffsetBackingStore {

		private final Map<ByteBuffer, ByteBuffer> written = new HashMap<>();

		@Override
		public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, @Nullable Callback<Void> callback) {
			this.written.putAll(values);
			if (callback != null) {
				callback.onCompletion(null, null);
			}
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
			return CompletableFuture.completedFuture(Map.of());
		}

		@Override
		public void start() {
		}

		@Override
		public void stop() {
		}

		@Override
		public Set<Map<String, Object>> connectorPartitions(String connectorName) {
			return Set.of();
		}

		@Override
		public void configure(WorkerConfig config) {
		}

	}

}
