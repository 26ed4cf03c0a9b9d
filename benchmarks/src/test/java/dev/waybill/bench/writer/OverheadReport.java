package dev.waybill.bench.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.waybill.bench.latency.Latencies;

/**
 * Prints the figures: per contender the transactions, throughput and latency, and its
 * time per transaction as a ratio to the business row alone, per round (the two measured
 * seconds apart) and over all rounds; then the protocol messages per transaction.
 */
final class OverheadReport {

	private static final int COUNTED_TRANSACTIONS = 200;

	private OverheadReport() {
	}

	static void printFigures(int threads, List<Contender> contenders) {
		Contender base = contenders.get(0);
		System.out.printf("%n%d thread(s)%n", threads);
		System.out.println("| contender | transactions | tx/s | p50 ms | p99 ms | client CPU µs/tx | time per tx "
				+ "vs business row: all rounds | per round, median (min-max) |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
		for (Contender contender : contenders) {
			Latencies latencies = contender.latencies();
			List<Double> ratios = roundRatios(base, contender);
			System.out.printf("| %s | %,d | %,.0f | %.3f | %.3f | %.1f | %.3f | %.3f (%.3f-%.3f) |%n",
					contender.label(), contender.transactions(), contender.throughput(), latencies.p50(),
					latencies.p99(), contender.cpuMicrosPerTransaction(), base.throughput() / contender.throughput(),
					ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
		}
		System.out.println();
	}

	// a ratio of times per transaction: the base's throughput over the contender's
	private static List<Double> roundRatios(Contender base, Contender contender) {
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < base.roundThroughputs().size(); round++) {
			ratios.add(base.roundThroughputs().get(round) / contender.roundThroughputs().get(round));
		}
		ratios.sort(null);
		return ratios;
	}

	static void printRoundTrips(OrderTransactions orders, List<Contender> contenders) {
		System.out.printf("Protocol messages per transaction (%d transactions each, one thread, after the rounds)%n",
				COUNTED_TRANSACTIONS);
		List<Map<String, Double>> counts = new ArrayList<>();
		for (Contender contender : contenders) {
			counts.add(RoundTrips.count(COUNTED_TRANSACTIONS, () -> contender.runOnce(orders)));
		}
		System.out.println("| contender | " + String.join(" | ", counts.get(0).keySet()) + " |");
		System.out.println("|---" + "|---:".repeat(counts.get(0).size()) + "|");
		for (int i = 0; i < contenders.size(); i++) {
			StringBuilder row = new StringBuilder("| " + contenders.get(i).label() + " |");
			counts.get(i).values().forEach((count) -> row.append(" %.2f |".formatted(count)));
			System.out.println(row);
		}
		System.out.println("(Sync ends a round trip; SimpleQuery is the BEGIN, sent with the first statement; "
				+ "Parse is a statement parsed again rather than run from the one the server holds prepared)");
		printPerAppend(contenders, counts);
	}

	private static void printPerAppend(List<Contender> contenders, List<Map<String, Double>> counts) {
		for (int i = 1; i < contenders.size(); i++) {
			int appends = contenders.get(i).appends();
			StringBuilder row = new StringBuilder("per append, " + contenders.get(i).label() + ":");
			counts.get(i)
				.forEach((message, count) -> row
					.append(" %s %.2f".formatted(message, (count - counts.get(0).get(message)) / appends)));
			System.out.println(row);
		}
	}

}
