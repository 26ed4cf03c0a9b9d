package dev.waybill.outbox.kafka;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import dev.waybill.contract.WireContract;

/**
 * One outbox event as it arrives from Kafka, with the relay's headers checked.
 *
 * @param topic the topic it was read from
 * @param eventId the event id (header {@code id}), the inbox's key
 * @param eventType the event type (header {@code eventType})
 * @param aggregateId the aggregate id (the record key)
 * @param aggregateVersion the aggregate's version after the event (header
 * {@code aggregateVersion})
 * @param payload the JSON payload, as the producing service wrote it
 * @param traceparent the W3C trace context, when the event carried one
 */
public record EventEnvelope(String topic, UUID eventId, String eventType, String aggregateId, long aggregateVersion,
		String payload, @Nullable String traceparent) {

	/**
	 * Reads the envelope of a record published by the relay.
	 * @param record the record, with string key and value
	 * @return the envelope
	 * @throws PoisonRecordException when a header, the key or the value is missing or
	 * malformed
	 */
	public static EventEnvelope of(ConsumerRecord<String, String> record) {
		String where = record.topic() + "-" + record.partition() + "@" + record.offset();
		UUID eventId = eventId(requiredHeader(record, WireContract.HEADER_ID, where), where);
		String eventType = requiredHeader(record, WireContract.HEADER_EVENT_TYPE, where);
		long version = version(requiredHeader(record, WireContract.HEADER_AGGREGATE_VERSION, where), where);
		if (record.key() == null || record.key().isBlank()) {
			throw new PoisonRecordException("Record " + where + " has no key (the aggregate id)");
		}
		if (record.value() == null || record.value().isBlank()) {
			throw new PoisonRecordException("Record " + where + " has no value (the event payload)");
		}
		return new EventEnvelope(record.topic(), eventId, eventType, record.key(), version, record.value(),
				header(record, WireContract.HEADER_TRACEPARENT));
	}

	private static String requiredHeader(ConsumerRecord<String, String> record, String name, String where) {
		String value = header(record, name);
		if (value == null || value.isBlank()) {
			throw new PoisonRecordException("Record " + where + " has no '" + name + "' header");
		}
		return value;
	}

	private static @Nullable String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	private static UUID eventId(String text, String where) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new PoisonRecordException("Record " + where + " has an 'id' header that is not a UUID: " + text, ex);
		}
	}

	private static long version(String text, String where) {
		try {
			long version = Long.parseLong(text);
			if (version < 1) {
				throw new PoisonRecordException(
						"Record " + where + " has an 'aggregateVersion' header below 1: " + text);
			}
			return version;
		}
		catch (NumberFormatException ex) {
			throw new PoisonRecordException(
					"Record " + where + " has an 'aggregateVersion' header that is not a number: " + text, ex);
		}
	}

}
