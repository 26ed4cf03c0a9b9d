package dev.waybill.bench.latency;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.waybill.bench.BenchmarkJvm;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.StackSettings;

/**
 * The commit-to-consumer latency benchmark, a command rather than a test: for each rate,
 * and at that rate for each relay strategy (CDC, polling), commits outbox events one per
 * transaction on a fixed schedule and measures, for every event, the time from its
 * writer's commit returning to a {@code read_committed} consumer receiving it. Rates are
 * the outer loop so that the strategies compared at one rate run minutes apart, not the
 * whole run apart: the machine is shared. See BENCHMARKS.md.
 */
public final class LatencyBenchmark {

	private static final int JVM_WARM_UP_RATE = 1000;

	private final EmbeddedStack stack;

	private final Settings settings;

	private LatencyBenchmark(EmbeddedStack stack, Settings settings) {
		this.stack = stack;
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		BenchmarkJvm.requireDefaults();
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
		if (!this.settings.jvmWarmUp().isZero()) {
			// the first strategies measured would otherwise run on code the JIT has not
			// compiled yet: each capture path runs once first, its figures discarded
			PhaseRun warmUp = new PhaseRun(this.stack, this.settings.forJvmWarmUp());
			for (Strategy strategy : this.settings.strategies()) {
				runPhase(warmUp, strategy, JVM_WARM_UP_RATE, report, "JVM warm-up, not recorded");
			}
		}
		List<PhaseResult> results = new ArrayList<>();
		PhaseRun phases = new PhaseRun(this.stack, this.settings);
		List<Strategy> strategies = new ArrayList<>(this.settings.strategies());
		for (int rate : this.settings.rates()) {
			for (Strategy strategy : strategies) {
				runPhase(phases, strategy, rate, report, "").ifPresent(results::add);
			}
			// whoever runs first at a rate runs last at the next one: neither side always
			// gets the colder caches or the same slice of the neighbours' load
			Collections.reverse(strategies);
		}
		return results;
	}

	private static Optional<PhaseResult> runPhase(PhaseRun phases, Strategy strategy, int rate, Report report,
			String note) {
		System.out.printf("%n%s  %s at %,d events/s %s...%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
				strategy.label(), rate, note);
		try {
			PhaseResult result = phases.run(strategy, rate);
			report.printPhase(result);
			return Optional.of(result);
		}
		catch (Exception ex) {
			report.failed(strategy, rate, ex);
			return Optional.empty();
		}
	}

}
