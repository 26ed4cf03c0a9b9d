package dev.waybill.relay.publish;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRouterTests {

	private static final Schema JSONB = SchemaBuilder.string().name("io.debezium.data.Json").build();

	private final OutboxRouter router = new OutboxRouter("outbox.event.", "dead-letters");

	@Test
	void routesAnInsertToTheAggregateTypesTopicKeyedByAggregateId() {
		Routing routing = this.router.route(change("c", row(JSONB, "order", "o-1", "{\"a\": 1}")));

		assertThat(routing).isInstanceOf(Routing.Event.class);
		ProducerRecord<byte[], byte[]> record = ((Routing.Event) routing).record();
		assertThat(record.topic()).isEqualTo("outbox.event.order");
		assertThat(text(record.key())).isEqualTo("o-1");
		assertThat(text(record.value())).isEqualTo("{\"a\": 1}");
		assertThat(text(record.headers().lastHeader("id").value())).isEqualTo("6a1f0c1e-0000-4000-8000-000000000001");
		assertThat(text(record.headers().lastHeader("eventType").value())).isEqualTo("Happened");
		assertThat(text(record.headers().lastHeader("aggregateVersion").value())).isEqualTo("7");
		assertThat(record.headers().lastHeader("traceparent")).isNull();
		assertThat(((Routing.Event) routing).occurredAt()).hasToString("2026-11-24T10:15:30.123456Z");
	}

	@Test
	void skipsUpdatesDeletesAndHeartbeats() {
		assertThat(this.router.route(change("u", row(JSONB, "order", "o-1", "{}")))).isEqualTo(Routing.SKIPPED);
		assertThat(this.router.route(change("d", null))).isEqualTo(Routing.SKIPPED);
		Schema heartbeat = SchemaBuilder.struct()
			.name("io.debezium.connector.common.Heartbeat")
			.field("ts_ms", Schema.INT64_SCHEMA)
			.build();
		SourceRecord beat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat", heartbeat,
				new Struct(heartbeat).put("ts_ms", 1L));
		assertThat(this.router.route(beat)).isEqualTo(Routing.SKIPPED);
	}

	@Test
	void sendsAPayloadThatIsNotJsonToTheDeadLetterTopicWithTheReason() {
		Routing routing = this.router.route(change("c", row(Schema.OPTIONAL_STRING_SCHEMA, "order", "o-1", "{oops")));

		assertThat(routing).isInstanceOf(Routing.DeadLetter.class);
		ProducerRecord<byte[], byte[]> record = ((Routing.DeadLetter) routing).record();
		assertThat(record.topic()).isEqualTo("dead-letters");
		assertThat(text(record.headers().lastHeader("reason").value())).startsWith("payload is not valid JSON");
		assertThat(text(record.headers().lastHeader("id").value())).isEqualTo("6a1f0c1e-0000-4000-8000-000000000001");
		assertThat(text(record.value())).contains("\"payload\":\"{oops\"").contains("\"aggregateid\":\"o-1\"");
	}

	@Test
	void sendsANullAggregateTypeToTheDeadLetterTopic() {
		Routing routing = this.router.route(change("c", row(JSONB, null, "o-1", "{}")));

		assertThat(routing).isInstanceOf(Routing.DeadLetter.class);
		assertThat(((Routing.DeadLetter) routing).reason()).contains("aggregatetype is null or blank");
	}

	@Test
	void sendsANullAggregateIdToTheDeadLetterTopic() {
		Routing routing = this.router.route(change("c", row(JSONB, "order", null, "{}")));

		assertThat(((Routing.DeadLetter) routing).reason()).contains("aggregateid is null or blank");
		assertThat(((Routing.DeadLetter) routing).record().key()).isNull();
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

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
