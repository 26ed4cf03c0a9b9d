package dev.waybill.relay.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.StackSettings;

/**
 * Issue 6's commit-to-consumer latency benchmark, a command rather than a test: for each
 * rate, and at that rate for each relay strategy (CDC, polling), commits outbox events
 * one per transaction on a fixed schedule and measures, for every event, the time from
 * its writer's commit returning to a {@code read_committed} consumer receiving it. Rates
 * are the outer loop so that the strategies compared at one rate run minutes apart, not
 * the whole run apart: the machine is shared. See BENCHMARKS.md.
 */
public final class LatencyBenchmark {

	private final EmbeddedStack stack;

	private final Settings settings;

	private LatencyBenchmark(EmbeddedStack stack, Settings settings) {
		this.stack = stack;
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Report report = new Report(settings);
		report.printConfiguration();
		List<PhaseResult> results;
		try (EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).start()) {
			results = new LatencyBenchmark(stack, settings).run(report);
		}
		boolean clean = report.printSummary(results);
		System.exit(clean ? 0 : 1);
	}

	private List<PhaseResult> run(Report report) {
		List<PhaseResult> results = new ArrayList<>();
		PhaseRun phases = new PhaseRun(this.stack, this.settings);
		List<Strategy> strategies = new ArrayList<>(this.settings.strategies());
		for (int rate : this.settings.rates()) {
			for (Strategy strategy : strategies) {
				System.out.printf("%n%s  %s at %,d events/s ...%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
						strategy.label(), rate);
				try {
					PhaseResult result = phases.run(strategy, rate);
					results.add(result);
					report.printPhase(result);
				}
				catch (Exception ex) {
					report.failed(strategy, rate, ex);
				}
			}
			// whoever runs first at a rate runs last at the next one: neither side always
			// gets the colder JVM or the same slice of the neighbours' load
			Collections.reverse(strategies);
		}
		return results;
	}

}
