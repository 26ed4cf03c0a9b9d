package dev.waybill.outbox.kafka;

import dev.waybill.outbox.test.TestRelay;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;

import dev.waybill.contract.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.waybill.contract.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class OutboxRecordsTests {

	private static final UUID ID = UUID.fromString("6f1c1a53-2a57-4f0c-9d1e-2b8e5b1e9a01");

	@Test
	void readsTheRelayHeadersKeyAndValue() {
		ProducerRecord<String, String> sent = TestRelay.record("outbox.event.order", "o-1", ID, "OrderPlaced", 3,
				"{\"a\":1}");
		TestRelay.header(sent, WireContract.HEADER_TRACEPARENT, "00-abc-def-01");
		EventEnvelope envelope = OutboxRecords.envelope(received(sent));
		assertThat(envelope).isEqualTo(
				new EventEnvelope("outbox.event.order", ID, "OrderPlaced", "o-1", 3, "{\"a\":1}", "00-abc-def-01"));
	}

	@Test
	void rejectsARecordWithoutAnIdHeader() {
		ProducerRecord<String, String> sent = new ProducerRecord<>("t", "k", "{}");
		TestRelay.header(sent, WireContract.HEADER_EVENT_TYPE, "OrderPlaced");
		TestRelay.header(sent, WireContract.HEADER_AGGREGATE_VERSION, "1");
		assertThatExceptionOfType(PoisonRecordException.class).isThrownBy(() -> OutboxRecords.envelope(received(sent)))
			.withMessageContaining("no 'id' header");
	}

	@ParameterizedTest(name = "{argumentSetName}")
	@MethodSource("unreadableHeaders")
	void rejectsAHeaderItCannotRead(String header, String value, String expectedMessage) {
		ProducerRecord<String, String> sent = TestRelay.record("t", "k", ID, "OrderPlaced", 1, "{}");
		sent.headers().remove(header);
		sent.headers().add(header, value.getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(PoisonRecordException.class).isThrownBy(() -> OutboxRecords.envelope(received(sent)))
			.withMessageContaining(expectedMessage);
	}

	static Stream<Arguments> unreadableHeaders() {
		return Stream.of(argumentSet("an id that is not a UUID", WireContract.HEADER_ID, "not-a-uuid", "not a UUID"),
				argumentSet("a version that is not a positive number", WireContract.HEADER_AGGREGATE_VERSION, "x",
						"not a number"));
	}

	@Test
	void rejectsATombstone() {
		ProducerRecord<String, String> sent = TestRelay.record("t", "k", ID, "OrderPlaced", 1, null);
		assertThatExceptionOfType(PoisonRecordException.class).isThrownBy(() -> OutboxRecords.envelope(received(sent)))
			.withMessageContaining("no value");
	}

	private static ConsumerRecord<String, String> received(ProducerRecord<String, String> sent) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>(sent.topic(), 0, 7, sent.key(), sent.value());
		sent.headers().forEach((header) -> record.headers().add(header));
		return record;
	}

}
