package dev.waybill.relay.publish;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.waybill.contract.WireContract;
import org.jspecify.annotations.Nullable;

/**
 * One outbox row as read from the database, whichever way it was captured: every column
 * as PostgreSQL writes it as text. Nothing is validated here; routing decides whether the
 * row can be published or is a dead letter.
 *
 * @param id the event id
 * @param aggregateType names the topic
 * @param aggregateId the record key
 * @param type the event type
 * @param payload the payload JSON text
 * @param payloadTypedAsJson whether the column is {@code json} or {@code jsonb}, so that
 * PostgreSQL has already checked the payload is JSON
 * @param aggregateVersion the aggregate version, as decimal text
 * @param occurredAt when the event happened, as an ISO-8601 instant
 * @param traceparent the W3C trace context, when there is one
 */
public record OutboxRow(@Nullable String id, @Nullable String aggregateType, @Nullable String aggregateId,
		@Nullable String type, @Nullable String payload, boolean payloadTypedAsJson, @Nullable String aggregateVersion,
		@Nullable String occurredAt, @Nullable String traceparent) {

	/**
	 * @return the columns by name, in table order, for a dead letter's value
	 */
	Map<String, @Nullable String> columns() {
		Map<String, @Nullable String> columns = new LinkedHashMap<>();
		columns.put(WireContract.COLUMN_ID, this.id);
		columns.put(WireContract.COLUMN_AGGREGATE_TYPE, this.aggregateType);
		columns.put(WireContract.COLUMN_AGGREGATE_ID, this.aggregateId);
		columns.put(WireContract.COLUMN_TYPE, this.type);
		columns.put(WireContract.COLUMN_PAYLOAD, this.payload);
		columns.put(WireContract.COLUMN_AGGREGATE_VERSION, this.aggregateVersion);
		columns.put(WireContract.COLUMN_OCCURRED_AT, this.occurredAt);
		columns.put(WireContract.COLUMN_TRACEPARENT, this.traceparent);
		return columns;
	}

}
