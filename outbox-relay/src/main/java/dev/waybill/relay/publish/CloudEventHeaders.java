package dev.waybill.relay.publish;

import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The CloudEvents 1.0 attributes of an event in the Kafka protocol binding's binary mode,
 * added beside the EventRouter headers: a consumer with a CloudEvents SDK reads the
 * record as a CloudEvent whose data is the payload, and one without reads it as before.
 *
 * <p>
 * {@code id} is the event id, {@code type} the event type, {@code subject} the aggregate
 * id, {@code time} when the event occurred, {@code source} the relay's source (such as
 * {@code /waybill/orders}): the pair (source, id) is unique, as the specification asks.
 */
final class CloudEventHeaders {

	static final String SPEC_VERSION = "ce_specversion";

	static final String ID = "ce_id";

	static final String SOURCE = "ce_source";

	static final String TYPE = "ce_type";

	static final String SUBJECT = "ce_subject";

	static final String TIME = "ce_time";

	static final String CONTENT_TYPE = "content-type";

	private final byte[] source;

	/**
	 * @param source the {@code source} attribute, a URI reference
	 */
	CloudEventHeaders(String source) {
		this.source = OutboxRouter.utf8(source);
	}

	/**
	 * Adds the attributes of a routable row, whose id, type and aggregate id are set.
	 * @param headers the record's headers
	 * @param row the row
	 * @param occurredAt when the event occurred, as the router read it; the attribute is
	 * optional and left out without it
	 */
	void add(Headers headers, OutboxRow row, @Nullable Instant occurredAt) {
		headers.add(SPEC_VERSION, OutboxRouter.utf8("1.0"));
		OutboxRouter.addHeader(headers, ID, row.id());
		headers.add(SOURCE, this.source);
		OutboxRouter.addHeader(headers, TYPE, row.type());
		OutboxRouter.addHeader(headers, SUBJECT, row.aggregateId());
		// RFC 3339 in UTC, whatever offset PostgreSQL wrote
		OutboxRouter.addHeader(headers, TIME, (occurredAt != null) ? occurredAt.toString() : null);
		headers.add(CONTENT_TYPE, OutboxRouter.utf8("application/json"));
	}

}
