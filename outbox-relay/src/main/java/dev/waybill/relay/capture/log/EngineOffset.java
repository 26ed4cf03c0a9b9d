package dev.waybill.relay.capture;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A source engine's position in the offsets topic, under the key the engine's own offset
 * writer uses: {@code ["<source>",{"server":"<source>"}]}.
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

	/**
	 * @return the log position of the last transaction the relay committed in Kafka,
	 * {@code null} when none is stored
	 */
	@Nullable Long committedLsn(String bootstrapServers, Duration transactionTimeout) {
		JsonNode offset = CommittedPositions.readJson(bootstrapServers, this.topic, transactionTimeout, this.key);
		if (offset == null) {
			return null;
		}
		JsonNode lsn = offset.has("lsn_commit") ? offset.path("lsn_commit") : offset.path("lsn");
		return lsn.isIntegralNumber() ? lsn.asLong() : null;
	}

}
