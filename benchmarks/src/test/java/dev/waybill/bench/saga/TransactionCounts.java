package dev.waybill.bench.saga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.waybill.demo.launch.PrometheusText;
import dev.waybill.stack.PostgresServer;

/**
 * Transactions and offset commits counted so far by the demo's processes themselves:
 * PostgreSQL's statistics per database, the relay's batch meter and the services' Kafka
 * consumer metrics. The difference of two snapshots is what happened between them,
 * whoever caused it.
 */
final class TransactionCounts {

	/**
	 * How long to leave the system alone before a snapshot's database counts are
	 * complete. A backend adds its commits to {@code pg_stat_database} at most once a
	 * second, and one that goes idle less than a second after its last flush keeps them
	 * for up to 10 s (PostgreSQL's {@code PGSTAT_IDLE_INTERVAL}).
	 */
	static final Duration STATISTICS_FLUSH = Duration.ofSeconds(11);

	static final String NOTE = """
			Transactions and offset commits: counted from %d s after the previous phase ended until %d s after \
			this phase's orders settled (all final, or the drain over), before the load generator reads their \
			statuses; the pauses let PostgreSQL flush its statistics. Database commits and rollbacks: \
			pg_stat_database's xact_commit and xact_rollback, every transaction in the database, the services', \
			the relay's (heartbeats, backlog gauge, leadership), any other client's; the benchmark's own \
			reading goes to the postgres database and is not counted. Relay Kafka transactions: its published \
			batches (waybill_relay_batch_size_count, both sources), heartbeat batches included. Offset commits: \
			kafka_consumer_coordinator_commit_total over each service's consumers. n/a: no such meter."""
		.formatted(STATISTICS_FLUSH.toSeconds(), STATISTICS_FLUSH.toSeconds());

	// the relay's DistributionSummary waybill.relay.batch.size counts one per batch
	// published, and in exactly-once mode (the demo's) a batch is one Kafka transaction
	static final String RELAY_BATCHES = "waybill_relay_batch_size_count";

	// the Kafka client's consumer-coordinator-metrics commit-total (one per offset commit
	// request answered), which Spring Boot binds to Micrometer for each consumer
	static final String OFFSET_COMMITS = "kafka_consumer_coordinator_commit_total";

	private static final String DATABASE_COUNTS = """
			SELECT datname, xact_commit, xact_rollback FROM pg_stat_database
			WHERE datname IN ('orders', 'inventory')""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String postgres;

	private final URI relay;

	private final URI orderService;

	private final URI inventoryService;

	/**
	 * @param postgresPort PostgreSQL, read as the superuser, which trusts loopback
	 * @param relay the relay's Actuator base URL
	 * @param orderService order-service's base URL
	 * @param inventoryService inventory-service's base URL
	 */
	TransactionCounts(int postgresPort, URI relay, URI orderService, URI inventoryService) {
		// the postgres database, so that the benchmark's own reading is not counted
		this.postgres = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
		this.relay = relay;
		this.orderService = orderService;
		this.inventoryService = inventoryService;
	}

	Snapshot snapshot() {
		Map<Count, Double> counts = databaseCounts();
		counts.put(Count.RELAY_TRANSACTIONS, total(scrape(this.relay), RELAY_BATCHES));
		counts.put(Count.ORDER_OFFSET_COMMITS, total(scrape(this.orderService), OFFSET_COMMITS));
		counts.put(Count.INVENTORY_OFFSET_COMMITS, total(scrape(this.inventoryService), OFFSET_COMMITS));
		return new Snapshot(System.nanoTime(), counts);
	}

	/**
	 * Waits for {@link #STATISTICS_FLUSH}, then counts: what was committed before the
	 * wait is in the snapshot.
	 * @return the counts
	 * @throws InterruptedException when interrupted
	 */
	Snapshot flushedSnapshot() throws InterruptedException {
		Thread.sleep(STATISTICS_FLUSH.toMillis());
		return snapshot();
	}

	// NaN when the component has no such meter: an absent count is not a zero
	static double total(PrometheusText scrape, String metric) {
		return scrape.has(metric) ? scrape.sum(metric) : Double.NaN;
	}

	// a database not there yet stays NaN
	private Map<Count, Double> databaseCounts() {
		Map<Count, Double> counts = new EnumMap<>(Count.class);
		try (Connection connection = DriverManager.getConnection(this.postgres, PostgresServer.SUPERUSER, "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(DATABASE_COUNTS)) {
			while (rows.next()) {
				boolean orders = "orders".equals(rows.getString(1));
				counts.put(orders ? Count.ORDERS_COMMITS : Count.INVENTORY_COMMITS, (double) rows.getLong(2));
				counts.put(orders ? Count.ORDERS_ROLLBACKS : Count.INVENTORY_ROLLBACKS, (double) rows.getLong(3));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read pg_stat_database at " + this.postgres, ex);
		}
		return counts;
	}

	private PrometheusText scrape(URI component) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(component.resolve("/actuator/prometheus"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(component + "/actuator/prometheus answered " + response.statusCode());
			}
			return PrometheusText.parse(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not scrape " + component, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while scraping " + component, ex);
		}
	}

	/**
	 * What is counted.
	 */
	enum Count {

		/** {@code xact_commit} of the orders database. */
		ORDERS_COMMITS,

		/** {@code xact_rollback} of the orders database. */
		ORDERS_ROLLBACKS,

		/** {@code xact_commit} of the inventory database. */
		INVENTORY_COMMITS,

		/** {@code xact_rollback} of the inventory database. */
		INVENTORY_ROLLBACKS,

		/** Kafka transactions the relay committed, over both sources. */
		RELAY_TRANSACTIONS,

		/** Offset commits by order-service's consumers. */
		ORDER_OFFSET_COMMITS,

		/** Offset commits by inventory-service's consumers. */
		INVENTORY_OFFSET_COMMITS

	}

	/**
	 * The counts at one moment.
	 *
	 * @param nanos when ({@link System#nanoTime()})
	 * @param counts the counts, NaN or absent where a source had none
	 */
	record Snapshot(long nanos, Map<Count, Double> counts) {

		Usage since(Snapshot earlier) {
			Map<Count, Double> counted = new EnumMap<>(Count.class);
			this.counts.forEach((count, value) -> counted.put(count, value - earlier.get(count)));
			return new Usage((this.nanos - earlier.nanos) / 1e9, counted);
		}

		double get(Count count) {
			return this.counts.getOrDefault(count, Double.NaN);
		}

	}

	/**
	 * What was counted over a period.
	 *
	 * @param wallSeconds the period's length
	 * @param counts the counts, NaN or absent where a source had none
	 */
	record Usage(double wallSeconds, Map<Count, Double> counts) {

		double get(Count count) {
			return this.counts.getOrDefault(count, Double.NaN);
		}

		double perOrder(Count count, int orders) {
			return get(count) / Math.max(1, orders);
		}

	}

}
