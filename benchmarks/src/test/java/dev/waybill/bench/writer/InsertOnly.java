package dev.waybill.bench.writer;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import dev.waybill.outbox.OutboxEvent;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox row's insert and nothing else: the writer's statement with a payload
 * serialised once, a random id and no transaction check, so that what the writer adds to
 * its own insert can be told from what the insert costs.
 */
final class InsertOnly implements OutboxWriter {

	private static final String INSERT = """
			INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at, traceparent)
			VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
			""";

	private final JdbcTemplate jdbc;

	private final String payload;

	/**
	 * @param dataSource the data source of the business transaction
	 * @param payload the payload every row gets, as JSON
	 */
	InsertOnly(DataSource dataSource, String payload) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.payload = payload;
	}

	@Override
	public OutboxEvent append(OutgoingEvent event) {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		this.jdbc.update(INSERT, (statement) -> {
			statement.setObject(1, id);
			statement.setString(2, event.aggregateType());
			statement.setString(3, event.aggregateId());
			statement.setString(4, event.type());
			statement.setString(5, this.payload);
			statement.setLong(6, event.aggregateVersion());
			statement.setObject(7, now.atOffset(ZoneOffset.UTC));
			statement.setNull(8, Types.VARCHAR);
		});
		return new OutboxEvent(id, event.aggregateType(), event.aggregateId(), event.aggregateVersion(), event.type(),
				this.payload, now, null);
	}

}
