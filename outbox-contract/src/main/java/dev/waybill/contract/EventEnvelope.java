package dev.waybill.contract;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One outbox event as a consumer receives it, with the relay's headers checked.
 *
 * @param topic the topic it was read from
 * @param eventId the event id (header {@code id}), the inbox's key
 * @param eventType the event type (header {@code eventType})
 * @param aggregateId the aggregate id (the record key)
 * @param aggregateVersion the aggregate's version after the event (header
 * {@code aggregateVersion}), 1 or more
 * @param payload the JSON payload, as the producing service wrote it
 * @param traceparent the W3C trace context, when the event carried one
 */
public record EventEnvelope(String topic, UUID eventId, String eventType, String aggregateId, long aggregateVersion,
		String payload, @Nullable String traceparent) {

	/**
	 * Reads a record's headers as text, whatever the client library.
	 */
	@FunctionalInterface
	public interface Headers {

		/**
		 * @param name a header name
		 * @return the last value of the header as UTF-8 text, {@code null} when absent
		 */
		@Nullable String text(String name);

	}

	/**
	 * Reads the envelope of a record published by the relay.
	 * @param topic the record's topic
	 * @param where the record's place, for messages (such as {@code topic-0@42})
	 * @param key the record key
	 * @param value the record value
	 * @param headers the record's headers
	 * @return the envelope
	 * @throws MalformedEventException when a header, the key or the value is missing or
	 * malformed
	 */
	public static EventEnvelope read(String topic, String where, @Nullable String key, @Nullable String value,
			Headers headers) {
		UUID eventId = eventId(required(headers, WireContract.HEADER_ID, where), where);
		String eventType = required(headers, WireContract.HEADER_EVENT_TYPE, where);
		long version = version(required(headers, WireContract.HEADER_AGGREGATE_VERSION, where), where);
		if (key == null || key.isBlank()) {
			throw new MalformedEventException("Record " + where + " has no key (the aggregate id)");
		}
		if (value == null || value.isBlank()) {
			throw new MalformedEventException("Record " + where + " has no value (the event payload)");
		}
		return new EventEnvelope(topic, eventId, eventType, key, version, value,
				headers.text(WireContract.HEADER_TRACEPARENT));
	}

	private static String required(Headers headers, String name, String where) {
		String value = headers.text(name);
		if (value == null || value.isBlank()) {
			throw new MalformedEventException("Record " + where + " has no '" + name + "' header");
		}
		return value;
	}

	private static UUID eventId(String text, String where) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedEventException("Record " + where + " has an 'id' header that is not a UUID: " + text,
					ex);
		}
	}

	private static long version(String text, String where) {
		long version;
		try {
			version = Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new MalformedEventException(
					"Record " + where + " has an 'aggregateVersion' header that is not a number: " + text, ex);
		}
		if (version < 1) {
			throw new MalformedEventException("Record " + where + " has an 'aggregateVersion' header below 1: " + text);
		}
		return version;
	}

}
