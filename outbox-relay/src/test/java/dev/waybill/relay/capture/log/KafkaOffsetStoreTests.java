package dev.waybill.relay.capture.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The offset store's memory and its configuration, without a broker: what the engine sets
 * after a committed batch it reads back at once (the PostgreSQL task confirms the slot
 * from it), and the committed positions it starts from come in the engine's properties,
 * with nothing that reaches Kafka.
 */
class KafkaOffsetStoreTests {

	private final KafkaOffsetStore store = new KafkaOffsetStore();

	@Test
	void readsBackWhatWasSetAtOnce() throws Exception {
		this.store.set(Map.of(bytes("k"), bytes("lsn 1")), null).get();
		this.store.set(Map.of(bytes("k"), bytes("lsn 2")), null).get();

		assertThat(this.store.get(List.of(bytes("k"), bytes("other"))).get())
			.containsExactly(Map.entry(bytes("k"), bytes("lsn 2")));
	}

	@Test
	void aNullValueRemovesTheKey() throws Exception {
		this.store.set(Map.of(bytes("k"), bytes("lsn 1")), null).get();
		Map<ByteBuffer, ByteBuffer> removal = new HashMap<>();
		removal.put(bytes("k"), null);

		this.store.set(removal, null).get();

		assertThat(this.store.get(List.of(bytes("k"))).get()).isEmpty();
	}

	@Test
	void callsTheCallbackOnceSet() throws Exception {
		boolean[] called = new boolean[1];

		this.store.set(Map.of(bytes("k"), bytes("v")), (error, result) -> called[0] = (error == null)).get();

		assertThat(called[0]).isTrue();
	}

	@Test
	void startsFromThePositionsTheRunReadAndPutInTheEnginesProperties() throws Exception {
		RelayProperties relay = RelaySettings.bind(Map.of());
		Map<ByteBuffer, ByteBuffer> committed = Map.of(bytes("[\"orders\",{}]"), bytes("{\"lsn\":7}"), bytes("other"),
				bytes(""));
		Properties engine = EngineConfiguration.forRun(relay.sources().get(0),
				LogSettings.of(relay, RelaySettings.offsets(relay)), committed);

		this.store.configure(workerConfig(engine));
		this.store.start();

		assertThat(this.store.get(committed.keySet()).get()).isEqualTo(committed);
		assertThat(engine.stringPropertyNames()).noneMatch((name) -> name.contains("bootstrap"));
	}

	@Test
	void startsEmptyWhenNothingWasCommitted() throws Exception {
		RelayProperties relay = RelaySettings.bind(Map.of());
		this.store.configure(workerConfig(EngineConfiguration.forRun(relay.sources().get(0),
				LogSettings.of(relay, RelaySettings.offsets(relay)), Map.of())));
		this.store.start();

		assertThat(this.store.get(List.of(bytes("k"))).get()).isEmpty();
	}

	@Test
	void refusesAnEngineConfigurationWithoutTheRelaysSettings() {
		Properties engine = new Properties();
		engine.setProperty("name", "orders");

		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> this.store.configure(workerConfig(engine)))
			.withMessageContaining(KafkaOffsetStore.COMMITTED);
	}

	@Test
	void refusesToStartUnconfigured() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.store::start);
	}

	private static StandaloneConfig workerConfig(Properties engine) {
		Map<String, String> config = new HashMap<>();
		engine.forEach((key, value) -> config.put(key.toString(), value.toString()));
		config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
		config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
		config.put("offset.storage.file.filename", "unused");
		// the test's stand-in for the engine's worker configuration requires it; the
		// store reads nothing of it
		config.put("bootstrap.servers", "unused:9092");
		return new StandaloneConfig(config);
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
