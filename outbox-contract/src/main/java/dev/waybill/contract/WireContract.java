package dev.waybill.outbox;

/**
 * The names that the services, the relay and every consumer agree on. They follow the
 * defaults of Debezium's {@code EventRouter}, so a consumer written for it works
 * unchanged.
 */
public final class WireContract {

	/** The default outbox table. */
	public static final String OUTBOX_TABLE = "outbox_event";

	/**
	 * Column: the event id ({@code uuid}), unique per event; the inbox deduplicates on
	 * it.
	 */
	public static final String COLUMN_ID = "id";

	/** Column: the aggregate type; it names the topic. */
	public static final String COLUMN_AGGREGATE_TYPE = "aggregatetype";

	/**
	 * Column: the aggregate id; it is the record key, so one aggregate keeps one
	 * partition.
	 */
	public static final String COLUMN_AGGREGATE_ID = "aggregateid";

	/** Column: the event type, such as {@code OrderPlaced}. */
	public static final String COLUMN_TYPE = "type";

	/** Column: the event payload ({@code jsonb}); it is the record value. */
	public static final String COLUMN_PAYLOAD = "payload";

	/** Column: the aggregate's version after this event, supplied by the service. */
	public static final String COLUMN_AGGREGATE_VERSION = "aggregate_version";

	/** Column: when the event happened. */
	public static final String COLUMN_OCCURRED_AT = "occurred_at";

	/** Column: the W3C trace context of the writing transaction, when there is one. */
	public static final String COLUMN_TRACEPARENT = "traceparent";

	/**
	 * Column: the order in which a polling relay publishes rows; an identity taken at
	 * insert.
	 */
	public static final String COLUMN_SEQUENCE_NUMBER = "sequence_number";

	/**
	 * Column: when a polling relay published the row; {@code null} until then.
	 */
	public static final String COLUMN_PUBLISHED_AT = "published_at";

	/**
	 * The table, beside the outbox table and in its schema, where the relay records how
	 * it reads each outbox table: one row per outbox table, written when a source starts.
	 */
	public static final String CAPTURE_TABLE = "outbox_capture";

	/**
	 * The capture table of an outbox table.
	 * @param outboxTable an outbox table name, optionally schema-qualified
	 * @return {@link #CAPTURE_TABLE} in the same schema
	 */
	public static String captureTableBeside(String outboxTable) {
		int dot = outboxTable.lastIndexOf('.');
		return ((dot < 0) ? "" : outboxTable.substring(0, dot + 1)) + CAPTURE_TABLE;
	}

	/** Header: the event id, as text. */
	public static final String HEADER_ID = "id";

	/** Header: the event type. */
	public static final String HEADER_EVENT_TYPE = "eventType";

	/** Header: the aggregate version, as decimal text. */
	public static final String HEADER_AGGREGATE_VERSION = "aggregateVersion";

	/**
	 * Header: the W3C trace context, present only when the event was written with one.
	 */
	public static final String HEADER_TRACEPARENT = "traceparent";

	/**
	 * The default topic prefix; the topic is the prefix followed by the aggregate type.
	 */
	public static final String TOPIC_PREFIX = "outbox.event.";

	private WireContract() {
	}

	/**
	 * The topic an aggregate type's events are published to with the default prefix.
	 * @param aggregateType the aggregate type, such as {@code order}
	 * @return the topic, such as {@code outbox.event.order}
	 */
	public static String topic(String aggregateType) {
		return TOPIC_PREFIX + aggregateType;
	}

}
