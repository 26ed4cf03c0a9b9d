package dev.waybill.outbox.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import com.zaxxer.hikari.HikariDataSource;
import dev.waybill.contract.OutboxCapture;
import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.outbox.TraceparentSource;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.PostgresServer;
import dev.waybill.stack.ServiceDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams 10,000 events through the writer in each cleanup setting and watches the size
 * of the outbox table.
 */
@ExtendWith(EmbeddedStackExtension.class)
class OutboxCleanupIntegrationTests {

	private static final int TRANSACTIONS = 20;

	private static final int EVENTS_PER_TRANSACTION = 500;

	private static final int EVENTS = TRANSACTIONS * EVENTS_PER_TRANSACTION;

	private static final String OUTBOX_ROWS = "SELECT count(*) FROM outbox_event";

	private static final String UNPUBLISHED_ROWS = "SELECT count(*) FROM outbox_event WHERE published_at IS NULL";

	private static final String RECORD_CAPTURE = """
			INSERT INTO outbox_capture (outbox_table, capture, recorded_at) VALUES ('outbox_event', ?, now())
			""";

	private static final String MARK_FIRST_PUBLISHED = """
			UPDATE outbox_event SET published_at = now()
			WHERE sequence_number IN (SELECT sequence_number FROM outbox_event ORDER BY sequence_number LIMIT ?)
			""";

	private static ServiceDatabase database;

	private static HikariDataSource dataSource;

	private JdbcTemplate jdbc;

	private TransactionTemplate transactions;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

	@BeforeAll
	static void createDatabase(EmbeddedStack stack) {
		database = stack.createDatabase("outbox");
		dataSource = TestDataSources.create(stack, database);
		new ResourceDatabasePopulator(new ClassPathResource("dev/waybill/outbox/schema-postgresql.sql"))
			.execute(dataSource);
	}

	@AfterAll
	static void closeDataSource() {
		dataSource.close();
	}

	@BeforeEach
	void emptyTheOutbox() {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.jdbc.execute("TRUNCATE outbox_event, outbox_capture");
	}

	@Test
	void keepsTheTableEmptyBetweenTransactionsWhenDeletingAfterInsert(EmbeddedStack stack) {
		recordCapture(OutboxCapture.LOG);
		OutboxWriter writer = writer(OutboxCleanup.DELETE_AFTER_INSERT);
		List<Long> rowsAfterEachCommit = new ArrayList<>();
		try (WalReader wal = new WalReader(stack, database)) {
			stream(writer, rowsAfterEachCommit::add);
			assertThat(rowsAfterEachCommit).hasSize(TRANSACTIONS).containsOnly(0L);
			// The rows are gone, but the log a CDC relay reads still has every insert.
			// (The embedded server commits asynchronously: the log is flushed, and so
			// decodable, a moment later.)
			await().untilAsserted(() -> assertThat(wal.countChanges()).containsEntry('I', (long) EVENTS)
				.containsEntry('D', (long) EVENTS));
		}
	}

	@Test
	void keepsTheTableWithinTheRetentionWindowWithTheRetentionJob() {
		// Each transaction is one simulated second; rows older than two seconds go, so
		// once the job has run the table holds at most three transactions' events, and
		// just after a commit at most one more (the job has not seen it yet).
		long windowBound = 3L * EVENTS_PER_TRANSACTION;
		recordCapture(OutboxCapture.LOG);
		var job = JdbcOutbox.retentionJob(dataSource, this.clock, "outbox_event", Duration.ofSeconds(2),
				Duration.ofMillis(20), 200);
		job.start();
		try {
			List<Long> rowsAfterEachCommit = new ArrayList<>();
			int[] committed = { 0 };
			stream(writer(OutboxCleanup.RETENTION), (rows) -> {
				rowsAfterEachCommit.add(rows);
				committed[0]++;
				long expected = Math.min(committed[0], 3) * (long) EVENTS_PER_TRANSACTION;
				await().untilAsserted(() -> assertThat(outboxRows()).isEqualTo(expected));
				this.clock.advance(Duration.ofSeconds(1));
			});
			assertThat(rowsAfterEachCommit)
				.allSatisfy((rows) -> assertThat(rows).isLessThanOrEqualTo(windowBound + EVENTS_PER_TRANSACTION));
			assertThat(outboxRows()).isLessThanOrEqualTo(windowBound);
			this.clock.advance(Duration.ofSeconds(3));
			await().untilAsserted(() -> assertThat(outboxRows()).isZero());
		}
		finally {
			job.stop();
		}
	}

	@Test
	void deletesExpiredRowsInBatchesAndKeepsYoungerOnesBehindALogReadingRelay() {
		recordCapture(OutboxCapture.LOG);
		var job = (RetentionJob) JdbcOutbox.retentionJob(dataSource, this.clock, "outbox_event", Duration.ofMinutes(5),
				Duration.ofMinutes(1), 1000);
		OutboxWriter writer = writer(OutboxCleanup.RETENTION);
		this.transactions.executeWithoutResult((status) -> append(writer, 2_500));
		this.clock.advance(Duration.ofMinutes(10));
		this.transactions.executeWithoutResult((status) -> append(writer, 300));
		assertThat(job.deleteExpired()).isEqualTo(2_500);
		assertThat(outboxRows()).isEqualTo(300);
		assertThat(job.deleteExpired()).isZero();
	}

	@Test
	void keepsExpiredRowsThatAPollingRelayHasNotPublished() {
		recordCapture(OutboxCapture.POLLING);
		assertThatRetentionDeletesOnlyPublishedRows();
	}

	@Test
	void keepsExpiredRowsNotMarkedPublishedUntilARelayIsRecorded() {
		assertThatRetentionDeletesOnlyPublishedRows();
	}

	@Test
	void keepsTheRowsWhenDeletingAfterInsertUntilALogReadingRelayIsRecorded() {
		OutboxWriter writer = writer(OutboxCleanup.DELETE_AFTER_INSERT);
		recordCapture(OutboxCapture.POLLING);
		this.transactions.executeWithoutResult((status) -> append(writer, 10));
		assertThat(outboxRows()).isEqualTo(10);
		this.jdbc.update("UPDATE outbox_capture SET capture = 'LOG'");
		this.transactions.executeWithoutResult((status) -> append(writer, 10));
		assertThat(outboxRows()).isEqualTo(10);
	}

	@Test
	void letsTheTableGrowWithoutCleanup() {
		List<Long> rowsAfterEachCommit = new ArrayList<>();
		stream(writer(OutboxCleanup.NONE), rowsAfterEachCommit::add);
		assertThat(rowsAfterEachCommit).isSorted().last().isEqualTo((long) EVENTS);
	}

	private void assertThatRetentionDeletesOnlyPublishedRows() {
		var job = (RetentionJob) JdbcOutbox.retentionJob(dataSource, this.clock, "outbox_event", Duration.ofMinutes(5),
				Duration.ofMinutes(1), 1000);
		OutboxWriter writer = writer(OutboxCleanup.RETENTION);
		this.transactions.executeWithoutResult((status) -> append(writer, 1_500));
		this.jdbc.update(MARK_FIRST_PUBLISHED, 1_000);
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(job.deleteExpired()).isEqualTo(1_000);
		assertThat(outboxRows()).isEqualTo(500);
		assertThat(OutboxScenarios.count(this.jdbc, UNPUBLISHED_ROWS)).isEqualTo(500);
	}

	private void recordCapture(OutboxCapture capture) {
		this.jdbc.update(RECORD_CAPTURE, capture.name());
	}

	private void stream(OutboxWriter writer, LongConsumer afterEachCommit) {
		for (int i = 0; i < TRANSACTIONS; i++) {
			this.transactions.executeWithoutResult((status) -> append(writer, EVENTS_PER_TRANSACTION));
			afterEachCommit.accept(outboxRows());
		}
	}

	private void append(OutboxWriter writer, int events) {
		for (int i = 0; i < events; i++) {
			writer.append(new OutgoingEvent("order", "o-" + i, 1, "OrderPlaced", Map.of("line", i)));
		}
	}

	private OutboxWriter writer(OutboxCleanup cleanup) {
		return JdbcOutbox.writer(dataSource, new ObjectMapper(), TraceparentSource.none(), this.clock, "outbox_event",
				cleanup);
	}

	private long outboxRows() {
		return OutboxScenarios.count(this.jdbc, OUTBOX_ROWS);
	}

	/**
	 * Decodes the outbox table's changes from a logical replication slot with pgoutput,
	 * the plugin the relay uses. Slots and publications need a superuser here.
	 */
	private static final class WalReader implements AutoCloseable {

		private static final String CHANGES = """
				SELECT chr(get_byte(data, 0)) AS kind, count(*) AS changes
				FROM pg_logical_slot_peek_binary_changes('outbox_cleanup_test', NULL, NULL,
				     'proto_version', '1', 'publication_names', 'outbox_cleanup_test')
				GROUP BY 1
				""";

		private final SingleConnectionDataSource superuser;

		private final JdbcTemplate jdbc;

		WalReader(EmbeddedStack stack, ServiceDatabase database) {
			this.superuser = new SingleConnectionDataSource(stack.jdbcUrl(database), PostgresServer.SUPERUSER, "",
					true);
			this.jdbc = new JdbcTemplate(this.superuser);
			this.jdbc.execute("CREATE PUBLICATION outbox_cleanup_test FOR TABLE outbox_event");
			this.jdbc.execute("SELECT pg_create_logical_replication_slot('outbox_cleanup_test', 'pgoutput')");
		}

		Map<Character, Long> countChanges() {
			Map<Character, Long> changes = new HashMap<>();
			this.jdbc.query(CHANGES, (row) -> {
				changes.put(row.getString("kind").charAt(0), row.getLong("changes"));
			});
			return changes;
		}

		@Override
		public void close() {
			try {
				this.jdbc.execute("SELECT pg_drop_replication_slot('outbox_cleanup_test')");
				this.jdbc.execute("DROP PUBLICATION outbox_cleanup_test");
			}
			finally {
				this.superuser.destroy();
			}
		}

	}

}
