package dev.waybill.outbox;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event as stored in the outbox table, one field per column.
 *
 * @param id the event id: a time-ordered UUID (version 7), so that ids written close in
 * time are close in the primary-key index
 * @param aggregateType the kind of aggregate
 * @param aggregateId the aggregate's id
 * @param aggregateVersion the aggregate's version after this event
 * @param type the event type
 * @param payload the JSON payload, as stored
 * @param occurredAt when the event was appended, to the microsecond PostgreSQL keeps
 * @param traceparent the W3C trace context, or {@code null} when there was none
 */
public record OutboxEvent(UUID id, String aggregateType, String aggregateId, long aggregateVersion, String type,
		String payload, Instant occurredAt, @Nullable String traceparent) {
}
