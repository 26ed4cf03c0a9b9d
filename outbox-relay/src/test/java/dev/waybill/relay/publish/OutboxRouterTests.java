package dev.waybill.relay.publish;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Objects;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRouterTests {

	private final OutboxRouter router = new OutboxRouter("outbox.event.", "dead-letters");

	@Test
	void routesARowToTheAggregateTypesTopicKeyedByAggregateId() {
		Routing.Event event = event(this.router, row(true, "order", "o-1", "{\"a\": 1}"));

		ProducerRecord<byte[], byte[]> record = event.record();
		assertThat(record.topic()).isEqualTo("outbox.event.order");
		assertThat(text(record.key())).isEqualTo("o-1");
		assertThat(text(record.value())).isEqualTo("{\"a\": 1}");
		assertThat(text(record.headers().lastHeader("id").value())).isEqualTo("6a1f0c1e-0000-4000-8000-000000000001");
		assertThat(text(record.headers().lastHeader("eventType").value())).isEqualTo("Happened");
		assertThat(text(record.headers().lastHeader("aggregateVersion").value())).isEqualTo("7");
		assertThat(record.headers().lastHeader("traceparent")).isNull();
		assertThat(event.occurredAt()).hasToString("2026-11-24T10:15:30.123456Z");
	}

	@Test
	void sendsAPayloadThatIsNotJsonToTheDeadLetterTopicWithTheReason() {
		ProducerRecord<byte[], byte[]> record = deadLetter(row(false, "order", "o-1", "{oops")).record();

		assertThat(record.topic()).isEqualTo("dead-letters");
		assertThat(text(record.headers().lastHeader("reason").value())).startsWith("payload is not valid JSON");
		assertThat(text(record.headers().lastHeader("id").value())).isEqualTo("6a1f0c1e-0000-4000-8000-000000000001");
		assertThat(text(record.value())).contains("\"payload\":\"{oops\"").contains("\"aggregateid\":\"o-1\"");
	}

	@Test
	void sendsANullAggregateTypeToTheDeadLetterTopic() {
		assertThat(deadLetter(row(true, null, "o-1", "{}")).reason()).contains("aggregatetype is null or blank");
	}

	@Test
	void sendsANullAggregateIdToTheDeadLetterTopic() {
		Routing.DeadLetter deadLetter = deadLetter(row(true, "order", null, "{}"));

		assertThat(deadLetter.reason()).contains("aggregateid is null or blank");
		assertThat(deadLetter.record().key()).isNull();
	}

	@Test
	void trustsAJsonColumnAndParsesAnyOtherPayload() {
		assertThat(this.router.route(row(true, "order", "o-1", "{oops"))).isInstanceOf(Routing.Event.class);
		assertThat(this.router.route(row(false, "order", "o-1", "{\"a\": [1, 2]}"))).isInstanceOf(Routing.Event.class);
	}

	@Test
	void sendsAnAggregateTypeThatMakesAnIllegalTopicToTheDeadLetterTopic() {
		assertThat(deadLetter(row(true, "or der", "o-1", "{}")).reason()).contains("illegal topic name");
	}

	@Test
	void addsNoCloudEventsAttributesUnlessAskedTo() {
		ProducerRecord<byte[], byte[]> record = event(this.router, row(true, "order", "o-1", "{}")).record();

		assertThat(record.headers()).noneMatch((header) -> header.key().startsWith("ce_"));
	}

	@Test
	void addsCloudEventsAttributesThatTheCloudEventsSdkReads() {
		OutboxRouter cloudEvents = new OutboxRouter("outbox.event.", "dead-letters",
				new CloudEventHeaders("/waybill/orders"));
		ProducerRecord<byte[], byte[]> record = event(cloudEvents, new OutboxRow("6a1f0c1e-0000-4000-8000-000000000001",
				"order", "o-1", "OrderPlaced", "{\"a\": 1}", true, "7", "2026-11-24T11:15:30.123456+01:00", null))
			.record();

		try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
			CloudEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
			assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
			assertThat(event.getId()).isEqualTo("6a1f0c1e-0000-4000-8000-000000000001");
			assertThat(event.getSource()).isEqualTo(URI.create("/waybill/orders"));
			assertThat(event.getType()).isEqualTo("OrderPlaced");
			assertThat(event.getSubject()).isEqualTo("o-1");
			assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-24T10:15:30.123456Z"));
			assertThat(event.getDataContentType()).isEqualTo("application/json");
			assertThat(text(Objects.requireNonNull(event.getData()).toBytes())).isEqualTo("{\"a\": 1}");
		}
		// the EventRouter headers stay for consumers without the SDK
		assertThat(text(record.headers().lastHeader("eventType").value())).isEqualTo("OrderPlaced");
	}

	private static Routing.Event event(OutboxRouter router, OutboxRow row) {
		Routing routing = router.route(row);
		assertThat(routing).isInstanceOf(Routing.Event.class);
		return (Routing.Event) routing;
	}

	private Routing.DeadLetter deadLetter(OutboxRow row) {
		Routing routing = this.router.route(row);
		assertThat(routing).isInstanceOf(Routing.DeadLetter.class);
		return (Routing.DeadLetter) routing;
	}

	private static OutboxRow row(boolean typedAsJson, @Nullable String aggregateType, @Nullable String aggregateId,
			String payload) {
		return new OutboxRow("6a1f0c1e-0000-4000-8000-000000000001", aggregateType, aggregateId, "Happened", payload,
				typedAsJson, "7", "2026-11-24T10:15:30.123456Z", null);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
