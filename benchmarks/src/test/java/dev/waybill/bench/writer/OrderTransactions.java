package dev.waybill.bench.writer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's business transaction as a Spring Boot service runs it: a HikariCP pool with
 * Boot's defaults, a {@code JdbcTransactionManager}, a {@code TransactionTemplate} and a
 * {@code JdbcTemplate} inserting one order row; with a writer, the same transaction
 * appends events to the outbox.
 */
final class OrderTransactions implements AutoCloseable {

	static final String SCHEMA = """
			CREATE TABLE purchase_order (
			    id          uuid        PRIMARY KEY,
			    customer_id varchar(64) NOT NULL,
			    total_cents bigint      NOT NULL,
			    status      varchar(16) NOT NULL,
			    placed_at   timestamptz NOT NULL
			)
			""";

	private static final String INSERT_ORDER = """
			INSERT INTO purchase_order (id, customer_id, total_cents, status, placed_at)
			VALUES (?, ?, ?, ?, ?)
			""";

	static final List<Line> LINES = List.of(new Line("sku-1001", 2, 1250), new Line("sku-2002", 1, 4999));

	private final HikariDataSource pool;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	OrderTransactions(String jdbcUrl, String user, String password) {
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(jdbcUrl);
		this.pool.setUsername(user);
		this.pool.setPassword(password);
		this.jdbc = new JdbcTemplate(this.pool);
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(this.pool));
	}

	DataSource dataSource() {
		return this.pool;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/**
	 * Places one order: its row and, with a writer, {@code appends} events, in one
	 * transaction.
	 * @param writer the outbox writer, or {@code null} for the business row alone
	 * @param appends the events appended, 1 to n
	 */
	void place(@Nullable OutboxWriter writer, int appends) {
		UUID orderId = UUID.randomUUID();
		String customer = "customer-" + ThreadLocalRandom.current().nextInt(1000);
		long total = 1000 + ThreadLocalRandom.current().nextInt(100_000);
		Instant placedAt = Instant.now();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update(INSERT_ORDER, orderId, customer, total, "PLACED", Timestamp.from(placedAt));
			if (writer != null) {
				for (int version = 1; version <= appends; version++) {
					writer.append(new OutgoingEvent("order", orderId.toString(), version, "OrderPlaced",
							new OrderPlaced(orderId, customer, total, LINES, placedAt)));
				}
			}
		});
	}

	/** Empties the business and outbox tables, so that every contender starts alike. */
	void truncate() {
		this.jdbc.execute("TRUNCATE purchase_order, outbox_event");
	}

	@Override
	public void close() {
		this.pool.close();
	}

	/**
	 * The event's payload, serialised by the writer's payload mapper.
	 *
	 * @param orderId the order
	 * @param customerId the customer
	 * @param totalCents the order total
	 * @param lines the order lines
	 * @param placedAt when it was placed
	 */
	record OrderPlaced(UUID orderId, String customerId, long totalCents, List<Line> lines, Instant placedAt) {
	}

	/**
	 * An order line.
	 *
	 * @param sku the product
	 * @param quantity how many
	 * @param unitCents the unit price
	 */
	record Line(String sku, int quantity, long unitCents) {
	}

}
