package dev.waybill.bench.saga;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.waybill.bench.saga.TransactionCounts.Count;
import dev.waybill.demo.launch.PrometheusText;
import dev.waybill.demo.load.LoadReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionCountsTests {

	// as order-service answers: one series per consumer, the replica's and the outcomes'
	private static final String SERVICE_SCRAPE = """
			# HELP kafka_consumer_coordinator_commit_total The total number of commit calls
			# TYPE kafka_consumer_coordinator_commit_total counter
			kafka_consumer_coordinator_commit_total{client_id="consumer-order-service-1",kafka_version="4.3.1",spring_id="consumerFactory.consumer-order-service-1"} 120.0
			kafka_consumer_coordinator_commit_total{client_id="consumer-order-service-2",kafka_version="4.3.1",spring_id="consumerFactory.consumer-order-service-2"} 35.0
			kafka_consumer_coordinator_commit_rate{client_id="consumer-order-service-1",kafka_version="4.3.1",spring_id="consumerFactory.consumer-order-service-1"} 2.5
			""";

	private static final String RELAY_SCRAPE = """
			# TYPE waybill_relay_batch_size summary
			waybill_relay_batch_size_count{source="inventory"} 40
			waybill_relay_batch_size_sum{source="inventory"} 310.0
			waybill_relay_batch_size_count{source="orders"} 60
			waybill_relay_batch_size_sum{source="orders"} 505.0
			""";

	@Test
	void addsUpACounterOverItsSeriesOnly() {
		assertThat(TransactionCounts.total(PrometheusText.parse(SERVICE_SCRAPE), TransactionCounts.OFFSET_COMMITS))
			.isEqualTo(155.0);
		assertThat(TransactionCounts.total(PrometheusText.parse(RELAY_SCRAPE), TransactionCounts.RELAY_BATCHES))
			.isEqualTo(100.0);
	}

	@Test
	void aMeterTheComponentDoesNotHaveIsNotAZero() {
		assertThat(TransactionCounts.total(PrometheusText.parse(RELAY_SCRAPE), TransactionCounts.OFFSET_COMMITS))
			.isNaN();
	}

	@Test
	void subtractsTheEarlierSnapshotCountByCount() {
		TransactionCounts.Snapshot before = snapshot(1_000_000_000L, 100, 5, 40);
		TransactionCounts.Snapshot after = snapshot(13_500_000_000L, 1_300, 6, 240);

		TransactionCounts.Usage usage = after.since(before);

		assertThat(usage.wallSeconds()).isEqualTo(12.5);
		assertThat(usage.get(Count.ORDERS_COMMITS)).isEqualTo(1_200.0);
		assertThat(usage.get(Count.ORDERS_ROLLBACKS)).isEqualTo(1.0);
		assertThat(usage.get(Count.RELAY_TRANSACTIONS)).isEqualTo(200.0);
		assertThat(usage.perOrder(Count.ORDERS_COMMITS, 400)).isEqualTo(3.0);
		assertThat(usage.perOrder(Count.RELAY_TRANSACTIONS, 0)).isEqualTo(200.0);
	}

	@Test
	void aCountMissingAtEitherEndIsNotAvailable() {
		TransactionCounts.Snapshot before = snapshot(0, 100, 5, Double.NaN);
		TransactionCounts.Snapshot after = snapshot(1, 200, 5, 240);

		TransactionCounts.Usage usage = after.since(before);

		assertThat(usage.perOrder(Count.RELAY_TRANSACTIONS, 10)).isNaN();
		assertThat(usage.perOrder(Count.INVENTORY_OFFSET_COMMITS, 10)).isNaN();
	}

	@Test
	void printsCountsPerOrderPlacedAndRollbacksAsCounted() {
		Map<Count, Double> counts = new EnumMap<>(Count.class);
		counts.put(Count.ORDERS_COMMITS, 2_000.0);
		counts.put(Count.ORDERS_ROLLBACKS, 3.0);
		counts.put(Count.INVENTORY_COMMITS, 1_000.0);
		counts.put(Count.INVENTORY_ROLLBACKS, 0.0);
		counts.put(Count.RELAY_TRANSACTIONS, 250.0);
		counts.put(Count.ORDER_OFFSET_COMMITS, 400.0);
		counts.put(Count.INVENTORY_OFFSET_COMMITS, Double.NaN);
		LoadReport report = new LoadReport(500, 0, Map.of(), new long[0], Duration.ofSeconds(10));
		Phase phase = new Phase("step", 50, Duration.ofSeconds(10), report,
				new ProcessCpu.Usage(12, Map.of(), Map.of(), 0), new TransactionCounts.Usage(21.25, counts), 1.0);

		String row = phase.transactionsRow();

		assertThat(row).isEqualTo("| step | 50 | 500 | 4.00 | 2.00 | 0.50 | 0.80 | n/a | 3 | 0 | 21.3 |");
		assertThat(columns(row)).isEqualTo(columns(Phase.TRANSACTIONS_HEADER.lines().findFirst().orElseThrow()));
	}

	private static long columns(String row) {
		return row.chars().filter((c) -> c == '|').count();
	}

	private static TransactionCounts.Snapshot snapshot(long nanos, double ordersCommits, double ordersRollbacks,
			double relayTransactions) {
		Map<Count, Double> counts = new EnumMap<>(Count.class);
		counts.put(Count.ORDERS_COMMITS, ordersCommits);
		counts.put(Count.ORDERS_ROLLBACKS, ordersRollbacks);
		counts.put(Count.RELAY_TRANSACTIONS, relayTransactions);
		return new TransactionCounts.Snapshot(nanos, counts);
	}

}
