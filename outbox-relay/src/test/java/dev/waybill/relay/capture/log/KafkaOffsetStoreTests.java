package dev.waybill.relay.capture.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.waybill.relay.RelaySettings;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The offset store's memory and its configuration, without a broker: what the engine sets
 * after a committed batch it reads back at once (the PostgreSQL task confirms the slot
 * from it), and its settings come from the engine's own properties.
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
	void takesItsSettingsFromTheEnginesProperties() {
		Properties engine = EngineConfiguration.of(RelaySettings.bind(Map.of()).sources().get(0), LogSettings
			.of(RelaySettings.bind(Map.of("offsets-topic", "my.offsets", "transaction-timeout", "45s"))));

		assertThat(engine).containsEntry(KafkaOffsetStore.TOPIC, "my.offsets")
			.containsEntry(KafkaOffsetStore.BOOTSTRAP_SERVERS, "localhost:9092")
			.containsEntry(KafkaOffsetStore.TRANSACTION_TIMEOUT_MS, "45000");
		this.store.configure(workerConfig(engine));
	}

	@Test
	void refusesAnEngineConfigurationWithoutTheRelaysSettings() {
		Properties engine = new Properties();
		engine.setProperty("name", "orders");

		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> this.store.configure(workerConfig(engine)))
			.withMessageContaining(KafkaOffsetStore.TOPIC);
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
		config.putIfAbsent("bootstrap.servers", "localhost:9092");
		return new StandaloneConfig(config);
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
