package dev.waybill.outbox.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.waybill.outbox.Inbox;
import dev.waybill.outbox.Inbox.Receipt;
import dev.waybill.outbox.NoTransactionException;
import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.OutboxEvent;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The writer and inbox scenarios, run against whichever PostgreSQL a subclass provides:
 * the embedded server here, a container on hosts with Docker.
 */
abstract class OutboxScenarios {

	static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	// Nanoseconds on purpose: PostgreSQL keeps microseconds, and so must the writer.
	private static final Instant NOW = Instant.parse("2026-11-24T23:59:58.123456789Z");

	private static final String EFFECT = """
			CREATE TABLE IF NOT EXISTS applied_effect (event_id uuid NOT NULL)
			""";

	private static final String STORED_EVENT = """
			SELECT id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at, traceparent,
			       payload = CAST(? AS jsonb) AS same_payload, pg_typeof(payload)::text AS payload_type
			FROM outbox_event WHERE id = ?
			""";

	private static final String BLOCKED_INBOX_INSERTS = """
			SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO processed_event%'
			""";

	private JdbcTemplate jdbc;

	private TransactionTemplate transactions;

	private OutboxWriter writer;

	private Inbox inbox;

	/**
	 * Returns the data source of a database of this test class's own.
	 * @return the data source
	 */
	protected abstract DataSource dataSource();

	@BeforeEach
	void prepareTables() {
		DataSource dataSource = dataSource();
		new ResourceDatabasePopulator(new ClassPathResource("dev/waybill/outbox/schema-postgresql.sql"))
			.execute(dataSource);
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.execute(EFFECT);
		this.jdbc.execute("TRUNCATE outbox_event, processed_event, applied_effect");
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.writer = JdbcOutbox.writer(dataSource, new ObjectMapper(), () -> TRACEPARENT,
				Clock.fixed(NOW, ZoneOffset.UTC), "outbox_event", OutboxCleanup.NONE);
		this.inbox = JdbcOutbox.inbox(dataSource, "processed_event");
	}

	@Test
	void storesAnEventAppendedInACommittedTransactionWithEveryColumn() {
		OutboxEvent appended = Objects
			.requireNonNull(this.transactions.execute((status) -> this.writer.append(orderPlaced())));
		assertThat(appended.id().version()).isEqualTo(7);
		assertThat(appended.occurredAt()).isEqualTo(Instant.parse("2026-11-24T23:59:58.123456Z"));
		this.jdbc.query(STORED_EVENT, (row) -> {
			assertThat(row.getObject("id", UUID.class)).isEqualTo(appended.id());
			assertThat(row.getString("aggregatetype")).isEqualTo("order");
			assertThat(row.getString("aggregateid")).isEqualTo("o-1");
			assertThat(row.getString("type")).isEqualTo("OrderPlaced");
			assertThat(row.getString("payload_type")).isEqualTo("jsonb");
			assertThat(row.getBoolean("same_payload")).isTrue();
			assertThat(row.getLong("aggregate_version")).isEqualTo(3);
			assertThat(row.getObject("occurred_at", OffsetDateTime.class).toInstant()).isEqualTo(appended.occurredAt());
			assertThat(row.getString("traceparent")).isEqualTo(TRACEPARENT).isEqualTo(appended.traceparent());
		}, "{\"orderId\": \"o-1\", \"quantity\": 2}", appended.id());
		assertThat(outboxRows()).isOne();
	}

	@Test
	void storesTheTraceContextOfEventsWrittenUnderATraceOnly() {
		// more appends than the driver's prepare threshold, so that some go through the
		// statement the server holds prepared, traced and untraced alternately
		AtomicBoolean traced = new AtomicBoolean();
		OutboxWriter writer = JdbcOutbox.writer(dataSource(), new ObjectMapper(),
				() -> traced.getAndSet(!traced.get()) ? TRACEPARENT : null, Clock.systemUTC(), "outbox_event",
				OutboxCleanup.NONE);
		List<OutboxEvent> appended = Objects
			.requireNonNull(this.transactions.execute((status) -> IntStream.rangeClosed(1, 12)
				.mapToObj((version) -> writer.append(new OutgoingEvent("order", "o-1", version, "OrderPlaced", "{}")))
				.toList()));
		List<String> stored = this.jdbc.queryForList("SELECT traceparent FROM outbox_event ORDER BY aggregate_version",
				String.class);
		assertThat(stored).isEqualTo(appended.stream().map(OutboxEvent::traceparent).toList());
		assertThat(stored).filteredOn(Objects::isNull).hasSize(6);
		assertThat(stored).filteredOn(TRACEPARENT::equals).hasSize(6);
	}

	@Test
	void storesNothingWhenTheTransactionRollsBack() {
		this.transactions.executeWithoutResult((status) -> {
			this.writer.append(orderPlaced());
			assertThat(outboxRowsIn(this.jdbc)).as("visible inside the transaction").isOne();
			status.setRollbackOnly();
		});
		assertThat(outboxRows()).isZero();
	}

	@Test
	void refusesToAppendOutsideATransactionAndWritesNothing() {
		assertThatExceptionOfType(NoTransactionException.class).isThrownBy(() -> this.writer.append(orderPlaced()))
			.withMessageStartingWith("Appending an outbox event of type 'OrderPlaced' needs an active transaction")
			.withMessageContaining("@Transactional");
		assertThat(outboxRows()).isZero();
	}

	@Test
	void refusesToAppendInATransactionOfAnotherDataSource() {
		TransactionTemplate other = new TransactionTemplate(
				new DataSourceTransactionManager(new DelegatingDataSource(dataSource())));
		assertThatExceptionOfType(NoTransactionException.class)
			.isThrownBy(() -> other.executeWithoutResult((status) -> this.writer.append(orderPlaced())));
		assertThat(outboxRows()).isZero();
	}

	@Test
	void refusesToAppendInAReadOnlyTransaction() {
		this.transactions.setReadOnly(true);
		assertThatExceptionOfType(NoTransactionException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> this.writer.append(orderPlaced())))
			.withMessageContaining("read-only transaction");
		assertThat(outboxRows()).isZero();
	}

	@Test
	void refusesAStringPayloadThatIsNotJsonAndWritesNothing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.transactions.executeWithoutResult(
					(status) -> this.writer.append(new OutgoingEvent("order", "o-1", 1, "OrderPlaced", "{oops"))))
			.withMessageContaining("is not valid JSON");
		assertThat(outboxRows()).isZero();
	}

	@Test
	void appliesAnEventDeliveredTwiceOnce() {
		UUID id = UUID.randomUUID();
		assertThat(deliverInTransaction(id)).isEqualTo(Receipt.FIRST);
		assertThat(deliverInTransaction(id)).isEqualTo(Receipt.DUPLICATE);
		assertThat(effects(id)).isOne();
	}

	@Test
	void appliesAnEventAgainWhenItsFirstDeliveryRolledBack() {
		UUID id = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			assertThat(deliver(id)).isEqualTo(Receipt.FIRST);
			status.setRollbackOnly();
		});
		assertThat(deliverInTransaction(id)).isEqualTo(Receipt.FIRST);
		assertThat(effects(id)).isOne();
	}

	@Test
	void refusesToReceiveOutsideATransactionAndRecordsNothing() {
		UUID id = UUID.randomUUID();
		assertThatExceptionOfType(NoTransactionException.class).isThrownBy(() -> deliver(id))
			.withMessageStartingWith("Receiving event " + id + " of type 'OrderPlaced' needs an active transaction");
		assertThat(count(this.jdbc, "SELECT count(*) FROM processed_event")).isZero();
		assertThat(effects(id)).isZero();
	}

	@Test
	void appliesRacingDeliveriesOnceWhenTheFirstCommits() throws Exception {
		UUID id = UUID.randomUUID();
		assertThat(race(id, false)).containsExactly(Receipt.FIRST, Receipt.DUPLICATE);
		assertThat(effects(id)).isOne();
	}

	@Test
	void appliesTheSecondOfRacingDeliveriesWhenTheFirstRollsBack() throws Exception {
		UUID id = UUID.randomUUID();
		assertThat(race(id, true)).containsExactly(Receipt.FIRST, Receipt.FIRST);
		assertThat(effects(id)).isOne();
	}

	/**
	 * Delivers one event on two threads so that they overlap for certain: the first
	 * records the id and keeps its transaction open until the second is seen waiting on
	 * that record's lock, then commits or rolls back.
	 */
	private List<Receipt> race(UUID id, boolean firstRollsBack) throws Exception {
		AtomicReference<Receipt> firstReceipt = new AtomicReference<>();
		AtomicBoolean release = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Receipt> first = threads.submit(() -> this.transactions.execute((status) -> {
				firstReceipt.set(deliver(id));
				await().atMost(30, TimeUnit.SECONDS).untilTrue(release);
				if (firstRollsBack) {
					status.setRollbackOnly();
				}
				return firstReceipt.get();
			}));
			await().untilAsserted(() -> assertThat(firstReceipt).hasValue(Receipt.FIRST));
			Future<Receipt> second = threads.submit(() -> deliverInTransaction(id));
			await().untilAsserted(() -> assertThat(blockedInboxInserts()).isOne());
			assertThat(second).isNotDone();
			release.set(true);
			return List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
		}
		finally {
			release.set(true);
			threads.shutdownNow();
		}
	}

	private Receipt deliverInTransaction(UUID id) {
		return Objects.requireNonNull(this.transactions.execute((status) -> deliver(id)));
	}

	private Receipt deliver(UUID id) {
		return this.inbox.process(id, "OrderPlaced",
				() -> this.jdbc.update("INSERT INTO applied_effect (event_id) VALUES (?)", id));
	}

	private long effects(UUID id) {
		return count(this.jdbc, "SELECT count(*) FROM applied_effect WHERE event_id = ?", id);
	}

	private long blockedInboxInserts() {
		return count(this.jdbc, BLOCKED_INBOX_INSERTS);
	}

	private long outboxRows() {
		return outboxRowsIn(this.jdbc);
	}

	private static long outboxRowsIn(JdbcTemplate jdbc) {
		return count(jdbc, "SELECT count(*) FROM outbox_event");
	}

	static long count(JdbcTemplate jdbc, String sql, Object... arguments) {
		return Objects.requireNonNull(jdbc.queryForObject(sql, Long.class, arguments));
	}

	private static OutgoingEvent orderPlaced() {
		return new OutgoingEvent("order", "o-1", 3, "OrderPlaced", new OrderPlaced("o-1", 2));
	}

	record OrderPlaced(String orderId, int quantity) {
	}

}
