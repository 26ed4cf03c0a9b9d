package dev.waybill.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventEnvelopeTests {

	private static final UUID ID = UUID.fromString("6f1c1a53-2a57-4f0c-9d1e-2b8e5b1e9a01");

	private final Map<String, String> headers = new HashMap<>(Map.of(WireContract.HEADER_ID, ID.toString(),
			WireContract.HEADER_EVENT_TYPE, "OrderPlaced", WireContract.HEADER_AGGREGATE_VERSION, "3"));

	@Test
	void readsTheHeadersKeyAndValue() {
		this.headers.put(WireContract.HEADER_TRACEPARENT, "00-abc-def-01");

		assertThat(read("o-1", "{\"a\":1}")).isEqualTo(
				new EventEnvelope("outbox.event.order", ID, "OrderPlaced", "o-1", 3, "{\"a\":1}", "00-abc-def-01"));
	}

	@Test
	void leavesTheTraceContextOutWhenTheEventHasNone() {
		assertThat(read("o-1", "{}").traceparent()).isNull();
	}

	@Test
	void refusesAVersionBelowOne() {
		this.headers.put(WireContract.HEADER_AGGREGATE_VERSION, "0");

		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> read("o-1", "{}"))
			.withMessage("Record outbox.event.order-0@7 has an 'aggregateVersion' header below 1: 0");
	}

	@Test
	void refusesAMissingEventType() {
		this.headers.remove(WireContract.HEADER_EVENT_TYPE);

		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> read("o-1", "{}"))
			.withMessageContaining("no 'eventType' header");
	}

	@Test
	void refusesARecordWithoutKeyOrValue() {
		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> read(" ", "{}"))
			.withMessageContaining("no key");
		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> read("o-1", null))
			.withMessageContaining("no value");
	}

	private EventEnvelope read(String key, String value) {
		return EventEnvelope.read("outbox.event.order", "outbox.event.order-0@7", key, value, this.headers::get);
	}

}
