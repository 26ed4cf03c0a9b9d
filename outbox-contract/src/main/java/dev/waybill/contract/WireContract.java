package dev.waybill.contract;

import java.util.regex.Pattern;

/**
 * The names that the services, the relay and every consumer agree on: the outbox table's
 * columns, the record headers, the topics, and what a table name may look like. They
 * follow the defaults of Debezium's {@code EventRouter}, so a consumer written for it
 * works unchanged.
 */
public final class WireContract {

	/**
	 * What an outbox, inbox or capture table name may look like: {@code table} or
	 * {@code schema.table}, each part a letter or underscore followed by up to 62
	 * letters, digits or underscores. Table names go into SQL text, so nothing else is
	 * accepted.
	 */
	public static final String TABLE_NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?";

	private static final Pattern TABLE_NAME = Pattern.compile(TABLE_NAME_PATTERN);

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

	/**
	 * The default topic of the relay's dead letters: rows it could not route.
	 */
	public static final String RELAY_DEAD_LETTER_TOPIC = "waybill.relay.dead-letter";

	/**
	 * The default suffix of a consumer's dead-letter topic: a record it could not apply
	 * goes to its own topic's name followed by this.
	 */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	private WireContract() {
	}

	/**
	 * @param name a table name, optionally schema-qualified
	 * @return whether it matches {@link #TABLE_NAME_PATTERN}
	 */
	public static boolean isTableName(String name) {
		return TABLE_NAME.matcher(name).matches();
	}

	/**
	 * @param name a table name, optionally schema-qualified
	 * @return the name, when it matches {@link #TABLE_NAME_PATTERN}
	 * @throws IllegalArgumentException when it does not, which keeps it out of SQL
	 */
	public static String requireTableName(String name) {
		if (!isTableName(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a valid table name: use letters, digits and "
					+ "underscores, not starting with a digit, optionally prefixed by a schema ('schema.table')");
		}
		return name;
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
