package dev.waybill.outbox.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import dev.waybill.outbox.OutboxEvent;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.outbox.TraceparentSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts outbox rows with the caller's transaction's connection, which the
 * {@code JdbcTemplate} picks up from the transaction synchronisation.
 */
final class JdbcOutboxWriter implements OutboxWriter {

	private static final String INSERT = """
			INSERT INTO %s (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at, traceparent)
			VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
			""";

	private static final String DELETE = """
			DELETE FROM %s WHERE id = ? AND %s
			""";

	private final JdbcTemplate jdbc;

	private final TransactionGuard transactions;

	private final PayloadSerializer payloads;

	private final TraceparentSource traces;

	private final Clock clock;

	private final boolean deleteAfterInsert;

	private final String insert;

	private final String delete;

	JdbcOutboxWriter(DataSource dataSource, PayloadSerializer payloads, TraceparentSource traces, Clock clock,
			String table, boolean deleteAfterInsert) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionGuard(dataSource);
		this.payloads = payloads;
		this.traces = traces;
		this.clock = clock;
		this.deleteAfterInsert = deleteAfterInsert;
		this.insert = INSERT.formatted(table);
		this.delete = DELETE.formatted(table, CaptureRecords.logCaptureRecorded(table));
	}

	@Override
	public OutboxEvent append(OutgoingEvent event) {
		this.transactions.requireTransaction(() -> "Appending an outbox event of type '" + event.type() + "'");
		String payload = this.payloads.serialize(event.payload(), event.type());
		// PostgreSQL keeps microseconds; the returned event must equal the stored row.
		Instant occurredAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		UUID id = EventIds.next(occurredAt);
		OutboxEvent stored = new OutboxEvent(id, event.aggregateType(), event.aggregateId(), event.aggregateVersion(),
				event.type(), payload, occurredAt, this.traces.currentTraceparent());
		this.jdbc.update(this.insert, (statement) -> bind(statement, stored));
		if (this.deleteAfterInsert) {
			// the insert is in the write-ahead log already, which is all a log-reading
			// relay reads; without one recorded, the row stays for a polling relay
			this.jdbc.update(this.delete, (statement) -> statement.setObject(1, id));
		}
		return stored;
	}

	// Each column's setter named rather than inferred from the value, call after call;
	// the trace context is sent as varchar whether there is one or not.
	private static void bind(PreparedStatement statement, OutboxEvent event) throws SQLException {
		statement.setObject(1, event.id());
		statement.setString(2, event.aggregateType());
		statement.setString(3, event.aggregateId());
		statement.setString(4, event.type());
		statement.setString(5, event.payload());
		statement.setLong(6, event.aggregateVersion());
		statement.setObject(7, event.occurredAt().atOffset(ZoneOffset.UTC));
		String traceparent = event.traceparent();
		if (traceparent != null) {
			statement.setString(8, traceparent);
		}
		else {
			statement.setNull(8, Types.VARCHAR);
		}
	}

}
