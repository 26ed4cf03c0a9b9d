package dev.waybill.relay.capture;

import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * The key under which a source's engine keeps its position in the offsets topic, as the
 * engine's own offset writer serialises it: {@code ["<source>",{"server":"<source>"}]}.
 */
final class EngineOffset {

	private final String topic;

	private final byte[] key;

	EngineOffset(String source, String topic) {
		this.topic = topic;
		JsonConverter converter = new JsonConverter();
		converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
		this.key = converter.fromConnectData(source, null, Arrays.asList(source, Map.of("server", source)));
	}

	/**
	 * @return a record that removes the position: a position from before a new slot names
	 * a place in the log that the new slot does not hold, and the engine refuses to start
	 * from it; without one it starts where the slot does
	 */
	ProducerRecord<byte[], byte[]> removal() {
		return new ProducerRecord<>(this.topic, this.key, null);
	}

}
