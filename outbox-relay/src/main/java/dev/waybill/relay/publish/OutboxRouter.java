package dev.waybill.relay.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.waybill.contract.WireContract;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes outbox rows the way Debezium's {@code EventRouter} does by default: topic
 * {@code <prefix><aggregatetype>}, key {@code aggregateid}, value the payload JSON text
 * as stored, headers {@code id}, {@code eventType}, {@code aggregateVersion} and
 * {@code traceparent}; with CloudEvents on, an event's CloudEvents attributes too
 * ({@link CloudEventHeaders}). Strings go out as UTF-8 bytes; nothing is parsed and
 * re-written.
 */
final class OutboxRouter {

	static final String HEADER_REASON = "reason";

	private static final int MAX_TOPIC_LENGTH = 249;

	private static final JsonFactory JSON = new JsonFactory();

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final String topicPrefix;

	private final String deadLetterTopic;

	private final @Nullable CloudEventHeaders cloudEvents;

	OutboxRouter(String topicPrefix, String deadLetterTopic) {
		this(topicPrefix, deadLetterTopic, null);
	}

	/**
	 * @param topicPrefix an event's topic is this prefix and its aggregate type
	 * @param deadLetterTopic where rows that cannot be routed go
	 * @param cloudEvents the CloudEvents attributes events get, or {@code null} for none
	 */
	OutboxRouter(String topicPrefix, String deadLetterTopic, @Nullable CloudEventHeaders cloudEvents) {
		this.topicPrefix = topicPrefix;
		this.deadLetterTopic = deadLetterTopic;
		this.cloudEvents = cloudEvents;
	}

	/**
	 * Routes an outbox row.
	 * @param row the row
	 * @return its event, or a dead letter when it cannot be routed
	 */
	Routing route(OutboxRow row) {
		Headers headers = headers(row);
		String reason = unroutable(row);
		if (reason != null) {
			return deadLetter(row, headers, reason);
		}
		Instant occurredAt = occurredAt(row);
		if (this.cloudEvents != null) {
			this.cloudEvents.add(headers, row, occurredAt);
		}
		String topic = this.topicPrefix + row.aggregateType();
		byte[] key = utf8(validated(row.aggregateId()));
		byte[] value = utf8(validated(row.payload()));
		return new Routing.Event(new ProducerRecord<>(topic, null, key, value, headers), occurredAt);
	}

	private @Nullable String unroutable(OutboxRow row) {
		if (isBlank(row.id())) {
			return "the row has no " + WireContract.COLUMN_ID + ": consumers could not deduplicate it";
		}
		String aggregateType = row.aggregateType();
		if (isBlank(aggregateType)) {
			return WireContract.COLUMN_AGGREGATE_TYPE + " is null or blank: it names the topic";
		}
		if (!isLegalTopic(this.topicPrefix + aggregateType)) {
			return WireContract.COLUMN_AGGREGATE_TYPE + " '" + aggregateType
					+ "' makes an illegal topic name (allowed: a-z A-Z 0-9 . _ -, at most 249)";
		}
		if (isBlank(row.aggregateId())) {
			return WireContract.COLUMN_AGGREGATE_ID + " is null or blank: it is the record key";
		}
		return payloadProblem(row);
	}

	private static @Nullable String payloadProblem(OutboxRow row) {
		String payload = row.payload();
		if (payload == null) {
			return WireContract.COLUMN_PAYLOAD + " is null: it is the record value";
		}
		// PostgreSQL has already validated a jsonb or json column;
		// only other types are parsed
		if (row.payloadTypedAsJson()) {
			return null;
		}
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), payload)) {
			while (parser.nextToken() != null) {
				// reading every token is the validation
			}
			return null;
		}
		catch (JacksonException ex) {
			return WireContract.COLUMN_PAYLOAD + " is not valid JSON: " + ex.getOriginalMessage();
		}
	}

	private Routing deadLetter(OutboxRow row, Headers headers, String reason) {
		headers.add(HEADER_REASON, utf8(reason));
		String aggregateId = row.aggregateId();
		byte[] key = (aggregateId != null) ? utf8(aggregateId) : null;
		return new Routing.DeadLetter(new ProducerRecord<>(this.deadLetterTopic, null, key, rowAsJson(row), headers),
				reason);
	}

	private static Headers headers(OutboxRow row) {
		RecordHeaders headers = new RecordHeaders();
		addHeader(headers, WireContract.HEADER_ID, row.id());
		addHeader(headers, WireContract.HEADER_EVENT_TYPE, row.type());
		addHeader(headers, WireContract.HEADER_AGGREGATE_VERSION, row.aggregateVersion());
		addHeader(headers, WireContract.HEADER_TRACEPARENT, row.traceparent());
		return headers;
	}

	static void addHeader(Headers headers, String name, @Nullable String value) {
		if (value != null) {
			headers.add(name, utf8(value));
		}
	}

	private static @Nullable Instant occurredAt(OutboxRow row) {
		String occurredAt = row.occurredAt();
		try {
			return (occurredAt != null) ? Instant.parse(occurredAt) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static byte[] rowAsJson(OutboxRow row) {
		ObjectNode json = MAPPER.createObjectNode();
		row.columns().forEach(json::put);
		return MAPPER.writeValueAsBytes(json);
	}

	private static String validated(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("A routed column was validated but is null");
		}
		return value;
	}

	// Kafka's own rule for topic names: a row whose aggregate type breaks it would fail
	// the whole transaction, so it is a dead letter instead
	private static boolean isLegalTopic(String topic) {
		if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
			return false;
		}
		for (int i = 0; i < topic.length(); i++) {
			char c = topic.charAt(i);
			boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!legal) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
