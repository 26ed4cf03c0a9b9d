package dev.waybill.outbox.jdbc;

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
		this.transactions.requireTransaction("Appending an outbox event of type '" + event.type() + "'");
		String payload = this.payloads.serialize(event.payload(), event.type());
		// PostgreSQL keeps microseconds; the returned event must equal the stored row.
		Instant occurredAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		UUID id = EventIds.next(occurredAt);
		String traceparent = this.traces.currentTraceparent();
		this.jdbc.update(this.insert, id, event.aggregateType(), event.aggregateId(), event.type(), payload,
				event.aggregateVersion(), occurredAt.atOffset(ZoneOffset.UTC), traceparent);
		if (this.deleteAfterInsert) {
			// the insert is in the write-ahead log already, which is all a log-reading
			// relay reads; without one recorded, the row stays for a polling relay
			this.jdbc.update(this.delete, id);
		}
		return new OutboxEvent(id, event.aggregateType(), event.aggregateId(), event.aggregateVersion(), event.type(),
				payload, occurredAt, traceparent);
	}

}
