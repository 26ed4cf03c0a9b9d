package dev.waybill.relay.capture.log;

import java.util.Arrays;
import java.util.Map;

import dev.waybill.relay.offsets.OffsetsTopic;
import dev.waybill.relay.publish.Position;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A source engine's position in the offsets topic, serialised byte for byte as the
 * engine's own offset writer does (schemaless JSON, key {@code [engineName,
 * sourcePartition]}, which for the PostgreSQL connector is
 * {@code ["<source>",{"server":"<source>"}]}), so that the engine finds it when it asks
 * its offset store on restart.
 */
final class EngineOffset {

	private final String engineName;

	private final JsonConverter keyConverter = new JsonConverter();

	private final JsonConverter valueConverter = new JsonConverter();

	private final byte[] key;

	EngineOffset(String engineName) {
		this.engineName = engineName;
		Map<String, String> schemaless = Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false");
		this.keyConverter.configure(schemaless, true);
		this.valueConverter.configure(schemaless, false);
		this.key = key(Map.of("server", engineName));
	}

	/**
	 * @param change a change event the engine handed over
	 * @return the position after it: its source offset under its source partition
	 */
	Position of(SourceRecord change) {
		return new Position(key(change.sourcePartition()),
				this.valueConverter.fromConnectData(this.engineName, null, change.sourceOffset()));
	}

	/**
	 * @return a position that removes the engine's: a position from before a new slot
	 * names a place in the log that the new slot does not hold, and the engine refuses to
	 * start from it; without one it starts where the slot does
	 */
	Position removal() {
		return new Position(this.key, null);
	}

	/**
	 * @return the log position of the last transaction the relay committed in Kafka,
	 * {@code null} when none is stored
	 */
	@Nullable Long committedLsn(OffsetsTopic offsets) {
		JsonNode offset = offsets.committedPosition(this.key);
		if (offset == null) {
			return null;
		}
		JsonNode lsn = offset.has("lsn_commit") ? offset.path("lsn_commit") : offset.path("lsn");
		return lsn.isIntegralNumber() ? lsn.asLong() : null;
	}

	private byte[] key(Map<String, ?> sourcePartition) {
		return this.keyConverter.fromConnectData(this.engineName, null,
				Arrays.asList(this.engineName, sourcePartition));
	}

}
