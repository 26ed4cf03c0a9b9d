package dev.waybill.outbox.jdbc;

import java.util.UUID;

import javax.sql.DataSource;

import dev.waybill.outbox.Inbox;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records processed event ids with {@code ON CONFLICT DO NOTHING}: when another
 * transaction has inserted the same id and not finished, PostgreSQL makes this insert
 * wait for it, then skips the row if that transaction committed or inserts it if it
 * rolled back. That wait is what makes two racing deliveries safe.
 */
final class JdbcInbox implements Inbox {

	private static final Log logger = LogFactory.getLog(JdbcInbox.class);

	private static final String INSERT = """
			INSERT INTO %s (event_id, event_type)
			VALUES (?, ?)
			ON CONFLICT (event_id) DO NOTHING
			""";

	private final JdbcTemplate jdbc;

	private final TransactionGuard transactions;

	private final String insert;

	JdbcInbox(DataSource dataSource, String table) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionGuard(dataSource);
		this.insert = INSERT.formatted(table);
	}

	@Override
	public Receipt receive(UUID eventId, String eventType) {
		this.transactions.requireTransaction(() -> "Receiving event " + eventId + " of type '" + eventType + "'");
		if (this.jdbc.update(this.insert, eventId, eventType) == 1) {
			return Receipt.FIRST;
		}
		logger.debug("Event " + eventId + " of type '" + eventType + "' was processed already; skipping it");
		return Receipt.DUPLICATE;
	}

}
