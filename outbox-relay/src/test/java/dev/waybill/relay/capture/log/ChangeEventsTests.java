package dev.waybill.relay.capture.log;

import java.util.Map;

import dev.waybill.relay.publish.OutboxRow;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeEventsTests {

	private static final Schema JSONB = SchemaBuilder.string().name("io.debezium.data.Json").build();

	@Test
	void decodesAnInsertIntoItsRowEveryColumnAsText() {
		OutboxRow row = ChangeEvents.rowOf(change("c", row(JSONB, "order", "o-1", "{\"a\": 1}")));

		assertThat(row).isEqualTo(new OutboxRow("6a1f0c1e-0000-4000-8000-000000000001", "order", "o-1", "Happened",
				"{\"a\": 1}", true, "7", "2026-11-24T10:15:30.123456Z", null));
	}

	@Test
	void tellsAJsonColumnFromAnyOther() {
		OutboxRow row = ChangeEvents.rowOf(change("c", row(Schema.OPTIONAL_STRING_SCHEMA, "order", "o-1", "{}")));

		assertThat(row).isNotNull();
		assertThat(row.payloadTypedAsJson()).isFalse();
	}

	@Test
	void decodesASnapshotReadAsAnInsert() {
		assertThat(ChangeEvents.rowOf(change("r", row(JSONB, "order", "o-1", "{}")))).isNotNull();
	}

	@Test
	void skipsUpdatesDeletesAndHeartbeats() {
		assertThat(ChangeEvents.rowOf(change("u", row(JSONB, "order", "o-1", "{}")))).isNull();
		assertThat(ChangeEvents.rowOf(change("d", null))).isNull();
		Schema heartbeat = SchemaBuilder.struct()
			.name("io.debezium.connector.common.Heartbeat")
			.field("ts_ms", Schema.INT64_SCHEMA)
			.build();
		SourceRecord beat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat", heartbeat,
				new Struct(heartbeat).put("ts_ms", 1L));
		assertThat(ChangeEvents.rowOf(beat)).isNull();
	}

	private static Struct row(Schema payloadSchema, @Nullable String aggregateType, @Nullable String aggregateId,
			String payload) {
		Schema schema = SchemaBuilder.struct()
			.optional()
			.field("id", Schema.STRING_SCHEMA)
			.field("aggregatetype", Schema.OPTIONAL_STRING_SCHEMA)
			.field("aggregateid", Schema.OPTIONAL_STRING_SCHEMA)
			.field("type", Schema.STRING_SCHEMA)
			.field("payload", payloadSchema)
			.field("aggregate_version", Schema.INT64_SCHEMA)
			.field("occurred_at", Schema.STRING_SCHEMA)
			.field("traceparent", Schema.OPTIONAL_STRING_SCHEMA)
			.build();
		return new Struct(schema).put("id", "6a1f0c1e-0000-4000-8000-000000000001")
			.put("aggregatetype", aggregateType)
			.put("aggregateid", aggregateId)
			.put("type", "Happened")
			.put("payload", payload)
			.put("aggregate_version", 7L)
			.put("occurred_at", "2026-11-24T10:15:30.123456Z");
	}

	private static SourceRecord change(String op, @Nullable Struct after) {
		Schema rowSchema = (after != null) ? after.schema() : row(JSONB, "order", "o-1", "{}").schema();
		Schema envelope = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("after", rowSchema).build();
		Struct value = new Struct(envelope).put("op", op).put("after", after);
		return new SourceRecord(Map.of("server", "orders"), Map.of("lsn", 1L), "orders.public.outbox_event", envelope,
				value);
	}

}
