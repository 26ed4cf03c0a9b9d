package dev.waybill.bench.latency;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What the benchmark prints: its configuration, each phase as it ends, and a summary with
 * the polling/CDC ratios and the targets.
 */
final class Report {

	private final Settings settings;

	private final List<String> failures = new ArrayList<>();

	Report(Settings settings) {
		this.settings = settings;
	}

	void printConfiguration() {
		System.out.printf("Commit-to-consumer latency, %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
		System.out.printf("machine: %d cores, %s %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name"), System.getProperty("java.version"), LoadAverage.line());
		System.out.printf("rates: %s events/s, one event per transaction (autocommit INSERT), %d writer connections, "
				+ "open-loop schedule%n", this.settings.rates(), this.settings.writers());
		System.out.printf("per phase: %d s warm-up (not measured), %d s measured, then up to %d s to drain%n",
				this.settings.warmUp().toSeconds(), this.settings.duration().toSeconds(),
				this.settings.drain().toSeconds());
		System.out.println("relay: in-process, exactly-once, its default settings except:");
		for (Strategy strategy : this.settings.strategies()) {
			System.out.printf("  %-27s capture=%s %s%n", strategy.label(), strategy.capture(),
					String.join(" ", strategy.properties()));
		}
		System.out.printf("consumer: read_committed, fetch.max.wait.ms %d, assigned to the topic's partitions; "
				+ "latency = its poll returning minus the writer's commit returning (one JVM, System.nanoTime)%n",
				this.settings.fetchWait().toMillis());
	}

	void printPhase(PhaseResult result) {
		Latencies latencies = result.latencies();
		System.out.printf(
				"  %,d events measured, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; achieved %,.0f/s; "
						+ "%s; lost %d, duplicates %d; load %.1f -> %.1f; %s%n",
				result.measured(), latencies.p50(), latencies.p95(), latencies.p99(), latencies.max(),
				result.achievedRate(), schedule(result), result.lost(), result.duplicates(), result.loadBefore(),
				result.loadAfter(), result.details());
		System.out.printf("  by sixths of the schedule: p50 %s ms; p99 %s ms%n", slices(result, Latencies::p50),
				slices(result, Latencies::p99));
		if (latencies.negative() > 0) {
			System.out.printf("  %d events arrived before their writer saw the commit return%n", latencies.negative());
		}
	}

	void failed(Strategy strategy, int rate, Exception ex) {
		String failure = strategy.label() + " at " + rate + "/s failed: " + ex;
		this.failures.add(failure);
		System.out.println("  " + failure);
		ex.printStackTrace(System.out);
	}

	/**
	 * @param results every phase that ran
	 * @return whether every phase ran and no event was lost or received twice
	 */
	boolean printSummary(List<PhaseResult> results) {
		System.out.printf("%nSummary (%s, load average %s)%n%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
				LoadAverage.line());
		System.out.println("| strategy                    | rate/s |  events |  p50 ms |  p95 ms |  p99 ms |  max ms "
				+ "| achieved | schedule kept    | lost | dup | load        |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (PhaseResult result : results) {
			Latencies latencies = result.latencies();
			System.out.printf(
					"| %-27s | %,6d | %,7d | %8.1f | %8.1f | %8.1f | %8.1f "
							+ "| %,8.0f | %-16s | %4d | %3d | %-11s |%n",
					result.strategy().label(), result.rate(), result.measured(), latencies.p50(), latencies.p95(),
					latencies.p99(), latencies.max(), result.achievedRate(), schedule(result), result.lost(),
					result.duplicates(), "%.1f-%.1f".formatted(result.loadBefore(), result.loadAfter()));
		}
		printRatios(results);
		printTargets(results);
		this.failures.forEach((failure) -> System.out.println("FAILED: " + failure));
		boolean clean = this.failures.isEmpty()
				&& results.stream().allMatch((result) -> result.lost() == 0 && result.duplicates() == 0);
		System.out
			.println(clean ? "No event lost or received twice." : "EVENTS LOST OR RECEIVED TWICE, OR A PHASE FAILED.");
		return clean;
	}

	// every CDC strategy against every polling strategy at the same rate: the defaults
	// against each other, and both at the same 10 ms interval
	private void printRatios(List<PhaseResult> results) {
		System.out.println();
		for (PhaseResult cdc : results) {
			for (PhaseResult polling : results) {
				if (cdc.strategy().readsWal() && polling.strategy().polls() && polling.rate() == cdc.rate()) {
					double ratio = polling.latencies().p50() / cdc.latencies().p50();
					System.out.printf("%,6d/s  %-27s / %-27s p50 %5.2fx, p99 %5.2fx  (target p50 >= 5x: %s)%n",
							cdc.rate(), polling.strategy().label(), cdc.strategy().label(), ratio,
							polling.latencies().p99() / cdc.latencies().p99(), (ratio >= 5) ? "met" : "NOT met");
				}
			}
		}
	}

	private void printTargets(List<PhaseResult> results) {
		for (PhaseResult cdc : results) {
			if (cdc.strategy().readsWal() && cdc.rate() == 1000) {
				System.out.printf("target: %s p99 at 1,000/s <= 50 ms: %.1f ms, %s%n", cdc.strategy().label(),
						cdc.latencies().p99(), (cdc.latencies().p99() <= 50 && cdc.lost() == 0) ? "met" : "NOT met");
			}
		}
	}

	private static String slices(PhaseResult result, ToDoubleFunction<Latencies> figure) {
		return result.slices()
			.stream()
			.map((slice) -> "%.0f".formatted(figure.applyAsDouble(slice)))
			.collect(Collectors.joining(" / "));
	}

	private static String schedule(PhaseResult result) {
		return result.scheduleKept() ? "yes" : "no: %,d late".formatted(result.lateness().late())
				+ ", worst %.0f ms".formatted(result.lateness().worstNanos() / 1e6);
	}

}
