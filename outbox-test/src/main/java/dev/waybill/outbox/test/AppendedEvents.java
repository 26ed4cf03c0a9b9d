package dev.waybill.outbox.test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.waybill.outbox.OutboxEvent;
import dev.waybill.contract.WireContract;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The events a service's transactions appended, read back from its outbox table: for the
 * service's own tests, which can assert what a use case published without Kafka or a
 * relay. Committed rows only, in the order they were appended; rows the cleanup deleted
 * are gone (use cleanup {@code none} in such tests, or assert within the retention).
 *
 * <pre class="code">
 * AppendedEvents appended = AppendedEvents.in(dataSource);
 * reservations.reserve(order);
 * assertThat(appended.of("reservation", order.orderId().toString()))
 *     .extracting(OutboxEvent::type).containsExactly("StockReserved");
 * </pre>
 */
public final class AppendedEvents {

	private static final String COLUMNS = """
			SELECT id, aggregatetype, aggregateid, aggregate_version, type, payload::text, occurred_at, traceparent
			FROM %s""";

	private final JdbcTemplate jdbc;

	private final String select;

	private AppendedEvents(DataSource dataSource, String table) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.select = COLUMNS.formatted(WireContract.requireTableName(table));
	}

	/**
	 * @param dataSource the service's data source
	 * @return the events in the default outbox table
	 */
	public static AppendedEvents in(DataSource dataSource) {
		return in(dataSource, WireContract.OUTBOX_TABLE);
	}

	/**
	 * @param dataSource the service's data source
	 * @param table the outbox table, optionally schema-qualified
	 * @return the events in that table
	 * @throws IllegalArgumentException when the table name is not a safe identifier
	 */
	public static AppendedEvents in(DataSource dataSource, String table) {
		return new AppendedEvents(dataSource, table);
	}

	/**
	 * @return every event in the table, oldest first
	 */
	public List<OutboxEvent> all() {
		return this.jdbc.query(this.select + " ORDER BY sequence_number", AppendedEvents::event);
	}

	/**
	 * @param aggregateType the aggregate type, which names the topic
	 * @param aggregateId the aggregate id, which is the record key
	 * @return the aggregate's events, oldest first
	 */
	public List<OutboxEvent> of(String aggregateType, String aggregateId) {
		return this.jdbc.query(this.select + " WHERE aggregatetype = ? AND aggregateid = ? ORDER BY sequence_number",
				AppendedEvents::event, aggregateType, aggregateId);
	}

	private static OutboxEvent event(ResultSet row, int rowNumber) throws SQLException {
		return new OutboxEvent(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getLong(4),
				row.getString(5), row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(),
				row.getString(8));
	}

}
