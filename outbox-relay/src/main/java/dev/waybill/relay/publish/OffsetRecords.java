package dev.waybill.relay.publish;

import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a change event's source offset into a record for the offsets topic, serialised
 * byte for byte as the engine's own offset writer does (schemaless JSON, key
 * {@code [engineName, sourcePartition]}), so that the engine finds it when it asks its
 * offset store on restart.
 */
final class OffsetRecords {

	private final String engineName;

	private final String topic;

	private final JsonConverter keyConverter = new JsonConverter();

	private final JsonConverter valueConverter = new JsonConverter();

	OffsetRecords(String engineName, String topic) {
		this.engineName = engineName;
		this.topic = topic;
		Map<String, String> schemaless = Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false");
		this.keyConverter.configure(schemaless, true);
		this.valueConverter.configure(schemaless, false);
	}

	ProducerRecord<byte[], byte[]> of(SourceRecord change) {
		byte[] key = this.keyConverter.fromConnectData(this.engineName, null,
				Arrays.asList(this.engineName, change.sourcePartition()));
		byte[] value = this.valueConverter.fromConnectData(this.engineName, null, change.sourceOffset());
		return new ProducerRecord<>(this.topic, key, value);
	}

}
