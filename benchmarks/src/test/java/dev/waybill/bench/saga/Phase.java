package dev.waybill.bench.saga;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.waybill.bench.saga.TransactionCounts.Count;
import dev.waybill.demo.load.LoadReport;

/**
 * One measured stretch of load at a fixed rate: its latencies, whether the system kept
 * up, and the CPU its processes used.
 *
 * @param name what the phase is for (warm-up, fixed rate, step)
 * @param rate the orders per second asked for
 * @param duration how long orders were placed
 * @param report the load generator's report
 * @param cpu the CPU used while orders were placed
 * @param transactions the transactions and offset commits counted from a pause before the
 * phase until a pause after its orders settled ({@link TransactionCounts#NOTE})
 * @param loadAverage the machine's one-minute load average at the end of the phase
 */
record Phase(String name, double rate, Duration duration, LoadReport report, ProcessCpu.Usage cpu,
		TransactionCounts.Usage transactions, double loadAverage) {

	// the client is late when placing took this much longer than planned: requests queued
	// in the load generator because the services answered too slowly
	private static final long PLACING_SLACK_MILLIS = 2_000;

	// a backlog carried through the whole phase keeps both halves alike but high: no
	// steady saga takes seconds, so a p99 beyond this is a queue, whatever its trend
	private static final long MAX_P99_MILLIS = 2_000;

	static final String HEADER = """
			| phase | rate/s | placed | failed | final | p50 ms | p95 ms | p99 ms | p99 1st half | p99 2nd half \
			| placing s | load avg | sustained |
			|---|---|---|---|---|---|---|---|---|---|---|---|---|""";

	static final String CPU_HEADER = """
			| phase | rate/s | CPU ms per order: postgres | kafka | inventory | order | relay | bench JVM \
			| our cores | machine cores busy | others' cores |
			|---|---|---|---|---|---|---|---|---|---|---|""";

	static final String POSTGRES_HEADER = """
			| phase | rate/s | PostgreSQL CPU ms per order: backends orders | backends inventory | backends other \
			| walsenders | background | exited |
			|---|---|---|---|---|---|---|---|""";

	static final String TRANSACTIONS_HEADER = """
			| phase | rate/s | placed | per order: orders db commits | inventory db commits | relay Kafka transactions \
			| order-service offset commits | inventory-service offset commits | rollbacks: orders db | inventory db \
			| window s |
			|---|---|---|---|---|---|---|---|---|---|---|""";

	private static final List<Count> PER_ORDER = List.of(Count.ORDERS_COMMITS, Count.INVENTORY_COMMITS,
			Count.RELAY_TRANSACTIONS, Count.ORDER_OFFSET_COMMITS, Count.INVENTORY_OFFSET_COMMITS);

	private static final List<Count> TOTAL = List.of(Count.ORDERS_ROLLBACKS, Count.INVENTORY_ROLLBACKS);

	int expectedOrders() {
		return (int) Math.round(this.rate * this.duration.toMillis() / 1000.0);
	}

	long firstHalfP99() {
		return this.report.latencyPercentile(99, Duration.ZERO, this.duration.dividedBy(2));
	}

	long secondHalfP99() {
		return this.report.latencyPercentile(99, this.duration.dividedBy(2), this.duration.multipliedBy(2));
	}

	/**
	 * Sustained: every order accepted and placed on time, every one final before the
	 * drain ended, and the second half's p99 not much above the first half's (a latency
	 * that grows while the load lasts is a queue that grows).
	 * @return whether the system kept up with the rate
	 */
	boolean sustained() {
		return this.report.failed() == 0 && this.report.placed() == expectedOrders()
				&& this.report.latenciesMillis().length == this.report.placed()
				&& this.report.elapsed().toMillis() <= this.duration.toMillis() + PLACING_SLACK_MILLIS
				&& secondHalfP99() <= firstHalfP99() * 1.5 + 50 && secondHalfP99() <= MAX_P99_MILLIS;
	}

	String row() {
		return String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %.1f | %s |",
				this.name, this.rate, this.report.placed(), this.report.failed(), this.report.latenciesMillis().length,
				this.report.latencyPercentile(50), this.report.latencyPercentile(95), this.report.latencyPercentile(99),
				firstHalfP99(), secondHalfP99(), this.report.elapsed().toMillis() / 1000.0, this.loadAverage,
				sustained() ? "yes" : "NO");
	}

	String cpuRow() {
		double orders = Math.max(1, this.report.placed());
		String perOrder = java.util.stream.Stream
			.of("postgres", "kafka", "inventory-service", "order-service", "relay", "bench JVM")
			.map((name) -> String.format(Locale.ROOT, "%.2f",
					this.cpu.seconds().getOrDefault(name, 0.0) * 1000 / orders))
			.collect(Collectors.joining(" | "));
		double wall = this.cpu.wallSeconds();
		return String.format(Locale.ROOT, "| %s | %.0f | %s | %.2f | %.2f | %.2f |", this.name, this.rate, perOrder,
				this.cpu.ours() / wall, this.cpu.machineBusy() / wall,
				(this.cpu.machineBusy() - this.cpu.ours()) / wall);
	}

	String postgresRow() {
		double orders = Math.max(1, this.report.placed());
		String perOrder = PostgresCpu.PARTS.stream()
			.map((part) -> String.format(Locale.ROOT, "%.3f",
					this.cpu.postgres().getOrDefault(part, 0.0) * 1000 / orders))
			.collect(Collectors.joining(" | "));
		return String.format(Locale.ROOT, "| %s | %.0f | %s |", this.name, this.rate, perOrder);
	}

	// per order placed, as the CPU; rollbacks as counted: they are few, and a fraction of
	// one per order would hide them
	String transactionsRow() {
		String perOrder = PER_ORDER.stream()
			.map((count) -> figure(this.transactions.perOrder(count, this.report.placed()), "%.2f"))
			.collect(Collectors.joining(" | "));
		String totals = TOTAL.stream()
			.map((count) -> figure(this.transactions.get(count), "%.0f"))
			.collect(Collectors.joining(" | "));
		return String.format(Locale.ROOT, "| %s | %.0f | %d | %s | %s | %.1f |", this.name, this.rate,
				this.report.placed(), perOrder, totals, this.transactions.wallSeconds());
	}

	private static String figure(double value, String format) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
	}

}
