package dev.waybill.relay.capture.log;

import dev.waybill.contract.WireContract;
import dev.waybill.relay.publish.OutboxRow;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a change event of the PostgreSQL connector into the outbox row it inserted.
 * Every column is taken as the text PostgreSQL wrote; nothing is validated here, routing
 * decides whether the row can be published.
 */
final class ChangeEvents {

	// the connector's name for a json or jsonb column, which PostgreSQL has validated
	private static final String JSON_SCHEMA = "io.debezium.data.Json";

	private ChangeEvents() {
	}

	/**
	 * @param change a change event
	 * @return the row an insert (or a snapshot read) carries; {@code null} for an update,
	 * a delete, a heartbeat or a logical message, none of which is an event
	 */
	static @Nullable OutboxRow rowOf(SourceRecord change) {
		if (!(change.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
			return null;
		}
		String op = envelope.getString("op");
		Struct row = ("c".equals(op) || "r".equals(op)) ? envelope.getStruct("after") : null;
		return (row != null) ? decode(row) : null;
	}

	private static OutboxRow decode(Struct row) {
		Field payload = row.schema().field(WireContract.COLUMN_PAYLOAD);
		boolean typedAsJson = payload != null && JSON_SCHEMA.equals(payload.schema().name());
		return new OutboxRow(text(row, WireContract.COLUMN_ID), text(row, WireContract.COLUMN_AGGREGATE_TYPE),
				text(row, WireContract.COLUMN_AGGREGATE_ID), text(row, WireContract.COLUMN_TYPE),
				text(row, WireContract.COLUMN_PAYLOAD), typedAsJson, text(row, WireContract.COLUMN_AGGREGATE_VERSION),
				text(row, WireContract.COLUMN_OCCURRED_AT), text(row, WireContract.COLUMN_TRACEPARENT));
	}

	private static @Nullable String text(Struct row, String column) {
		Field field = row.schema().field(column);
		if (field == null) {
			return null;
		}
		Object value = row.get(field);
		return (value != null) ? value.toString() : null;
	}

}
