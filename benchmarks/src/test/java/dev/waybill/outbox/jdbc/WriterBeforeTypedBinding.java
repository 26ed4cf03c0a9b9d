package dev.waybill.outbox.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import dev.waybill.contract.WireContract;
import dev.waybill.outbox.OutboxEvent;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.outbox.TraceparentSource;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writer's append as it was at {@code cd2eda9}, before its parameters were bound with
 * typed setters and its refusal message built only on refusal: the writer-overhead
 * benchmark's baseline contender, never used elsewhere. In outbox-core's package to reach
 * the same payload serialiser, ids and transaction guard as the writer. Without the
 * delete-after-insert cleanup, which the benchmark does not use.
 */
public final class WriterBeforeTypedBinding implements OutboxWriter {

	private static final String INSERT = """
			INSERT INTO %s (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at, traceparent)
			VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
			""";

	private final JdbcTemplate jdbc;

	private final TransactionGuard transactions;

	private final PayloadSerializer payloads;

	private final TraceparentSource traces;

	private final Clock clock;

	private final String insert;

	/**
	 * The same arguments as {@link JdbcOutbox#writer}, with the cleanup at its default.
	 * @param dataSource the data source
	 * @param objectMapper the payload mapper
	 * @param traces the trace context source
	 * @param clock the clock
	 * @param table the outbox table
	 */
	public WriterBeforeTypedBinding(DataSource dataSource, ObjectMapper objectMapper, TraceparentSource traces,
			Clock clock, String table) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionGuard(dataSource);
		this.payloads = new PayloadSerializer(objectMapper);
		this.traces = traces;
		this.clock = clock;
		this.insert = INSERT.formatted(WireContract.requireTableName(table));
	}

	@Override
	public OutboxEvent append(OutgoingEvent event) {
		// built on every call, as it was
		String action = "Appending an outbox event of type '" + event.type() + "'";
		this.transactions.requireTransaction(() -> action);
		String payload = this.payloads.serialize(event.payload(), event.type());
		Instant occurredAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		UUID id = EventIds.next(occurredAt);
		String traceparent = this.traces.currentTraceparent();
		this.jdbc.update(this.insert, id, event.aggregateType(), event.aggregateId(), event.type(), payload,
				event.aggregateVersion(), occurredAt.atOffset(ZoneOffset.UTC), traceparent);
		return new OutboxEvent(id, event.aggregateType(), event.aggregateId(), event.aggregateVersion(), event.type(),
				payload, occurredAt, traceparent);
	}

}
