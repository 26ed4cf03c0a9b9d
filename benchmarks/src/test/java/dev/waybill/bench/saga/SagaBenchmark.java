package dev.waybill.bench.saga;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.waybill.bench.BenchmarkJvm;
import dev.waybill.demo.launch.CaptureRequest;
import dev.waybill.demo.launch.Launcher;
import dev.waybill.demo.launch.Ports;
import dev.waybill.demo.load.LoadGenerator;
import dev.waybill.demo.load.LoadPlan;
import dev.waybill.demo.load.LoadReport;
import dev.waybill.stack.FreePorts;

/**
 * The saga benchmark, one command: starts the demo's processes on free ports, creates
 * products with ample stock, warms up, measures order-to-final-state latency at 50 and
 * 200 orders/s, then at the target, 500 orders/s for 60 s, then steps the rate up until
 * the system no longer keeps up, and prints the figures and the CPU each process used per
 * order. Arguments (optional): seconds per fixed-rate phase (60), seconds per step (30),
 * and, to probe a few rates rather than run the whole benchmark, the rates of fixed
 * phases to run after the warm-up, comma-separated ({@code "30 20 400,500"}).
 */
public final class SagaBenchmark {

	private static final int PRODUCTS = 50;

	private static final int CONCURRENCY = 64;

	private static final List<Integer> STEPS = List.of(100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1600, 2000);

	// the throughput target: this rate sustained for this long
	private static final int TARGET_RATE = 500;

	private static final Duration TARGET = Duration.ofSeconds(60);

	private static final Duration WARM_UP = Duration.ofSeconds(20);

	private static final int WARM_UP_RATE = 100;

	private static final int MAX_WARM_UPS = 6;

	private static final Duration STEP_DRAIN = Duration.ofSeconds(10);

	private static final Duration FIXED_DRAIN = Duration.ofSeconds(30);

	private final PrintStream out = System.out;

	private final List<Phase> phases = new ArrayList<>();

	private final Duration fixed;

	private final Duration step;

	private final List<Integer> probes;

	private SagaBenchmark(Duration fixed, Duration step, List<Integer> probes) {
		this.fixed = fixed;
		this.step = step;
		this.probes = probes;
	}

	public static void main(String[] args) throws Exception {
		BenchmarkJvm.requireDefaults();
		Duration fixed = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 60);
		Duration step = Duration.ofSeconds((args.length > 1) ? Long.parseLong(args[1]) : 30);
		List<Integer> probes = (args.length > 2) ? Stream.of(args[2].split(",", -1)).map(Integer::valueOf).toList()
				: List.of();
		Path runDirectory = repositoryRoot().resolve("benchmarks/target/saga-benchmark");
		int[] free = FreePorts.take(6);
		Ports ports = new Ports(free[0], free[1], free[2], free[3], free[4], free[5]);
		Launcher launcher = new Launcher(copyJars(repositoryRoot(), runDirectory.resolve("jars")), runDirectory, ports,
				System.out);
		Thread stopOnExit = new Thread(launcher::stopAll, "stop-saga-benchmark");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		int status = 0;
		try {
			new SagaBenchmark(fixed, step, probes).run(launcher, runDirectory);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			launcher.stopAll();
			Runtime.getRuntime().removeShutdownHook(stopOnExit);
		}
		System.exit(status);
	}

	private void run(Launcher launcher, Path runDirectory) throws Exception {
		this.out.printf("saga benchmark %s: %d cores, %s, java %s, load average %s%n", Instant.now(),
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("java.version"), loadAverages());
		this.out
			.printf("fixed rates 50 and 200/s for %d s each (drain %d s), the target %d/s for %d s, steps %s/s for %d s "
					+ "each (drain %d s), warm-up %d s at %d/s until sustained (at most %d times), %d products of stock %d, "
					+ "concurrency %d, no cancellations%n", this.fixed.toSeconds(), FIXED_DRAIN.toSeconds(),
					TARGET_RATE, TARGET.toSeconds(), STEPS, this.step.toSeconds(), STEP_DRAIN.toSeconds(),
					WARM_UP.toSeconds(), WARM_UP_RATE, MAX_WARM_UPS, PRODUCTS, BenchCatalogue.STOCK, CONCURRENCY);
		this.out.printf("system up in %.1f s%n",
				launcher.up(true, CaptureRequest.of(null, System.getenv())).toMillis() / 1000.0);
		Ports ports = launcher.ports();
		List<String> skus = new BenchCatalogue(local(ports.inventory())).create(PRODUCTS);
		Probes probes = new Probes(new LoadGenerator(local(ports.order()), "127.0.0.1:" + ports.kafka(), skus),
				new ProcessCpu(runDirectory), new TransactionCounts(ports.postgres(), local(ports.relay()),
						local(ports.order()), local(ports.inventory())));
		warmUp(probes);
		if (!this.probes.isEmpty()) {
			for (int rate : this.probes) {
				measure(probes, "probe", rate, this.fixed, FIXED_DRAIN);
			}
			printTables();
			return;
		}
		measure(probes, "fixed", 50, this.fixed, FIXED_DRAIN);
		measure(probes, "fixed", 200, this.fixed, FIXED_DRAIN);
		measure(probes, "target", TARGET_RATE, TARGET, FIXED_DRAIN);
		for (int rate : STEPS) {
			if (!measure(probes, "step", rate, this.step, STEP_DRAIN).sustained()) {
				break;
			}
		}
		printTables();
	}

	private static URI local(int port) {
		return URI.create("http://127.0.0.1:" + port);
	}

	// The JIT compilers of four JVMs share the two cores with the load: the latency falls
	// for a minute or more, longer when the machine is busy. Warm up until one warm-up
	// phase keeps up.
	private void warmUp(Probes probes) throws InterruptedException {
		for (int round = 1; round <= MAX_WARM_UPS; round++) {
			if (measure(probes, "warm-up " + round, WARM_UP_RATE, WARM_UP, FIXED_DRAIN).sustained()) {
				return;
			}
		}
		this.out.printf("not warm after %d warm-ups: measuring anyway%n", MAX_WARM_UPS);
	}

	private Phase measure(Probes probes, String name, int rate, Duration duration, Duration drain)
			throws InterruptedException {
		LoadPlan plan = new LoadPlan((int) (rate * duration.toSeconds()), rate, CONCURRENCY, 0, drain);
		// what came before, the previous phase's status reads among it, is counted first
		TransactionCounts.Snapshot countsBefore = probes.transactions().flushedSnapshot();
		ProcessCpu.Snapshot before = probes.cpu().snapshot();
		// the CPU window covers the placing, plus the consumer's start and the last
		// orders' way through the saga
		CompletableFuture<ProcessCpu.Snapshot> after = CompletableFuture.supplyAsync(probes.cpu()::snapshot,
				CompletableFuture.delayedExecutor(duration.toMillis() + 2_000, TimeUnit.MILLISECONDS));
		// the counts' window ends once the orders settled, before the load generator
		// reads their statuses
		AtomicReference<TransactionCounts.Snapshot> countsAfter = new AtomicReference<>();
		LoadReport report = probes.generator()
			.run(plan, new PrintStream(PrintStream.nullOutputStream()),
					() -> countsAfter.set(probes.transactions().flushedSnapshot()));
		Phase phase = new Phase(name, rate, duration, report, after.join().since(before),
				countsAfter.get().since(countsBefore), loadAverage());
		this.phases.add(phase);
		printPhase(phase);
		return phase;
	}

	private void printPhase(Phase phase) {
		this.out.println(Phase.HEADER.lines().findFirst().orElseThrow());
		this.out.println(phase.row());
		this.out.println(Phase.POSTGRES_HEADER.lines().findFirst().orElseThrow());
		this.out.println(phase.postgresRow());
		this.out.println(Phase.TRANSACTIONS_HEADER.lines().findFirst().orElseThrow());
		this.out.println(phase.transactionsRow());
	}

	private void printTables() {
		this.out.printf("%nload average at the end: %s%n%n%s%n", loadAverages(), Phase.HEADER);
		this.phases.forEach((phase) -> this.out.println(phase.row()));
		this.out.printf("%n%s%n", Phase.CPU_HEADER);
		this.phases.forEach((phase) -> this.out.println(phase.cpuRow()));
		this.out.printf("%n%s%n", Phase.POSTGRES_HEADER);
		this.phases.forEach((phase) -> this.out.println(phase.postgresRow()));
		this.out.printf("%n%s%n%s%n", TransactionCounts.NOTE, Phase.TRANSACTIONS_HEADER);
		this.phases.forEach((phase) -> this.out.println(phase.transactionsRow()));
		Phase lastSustained = null;
		for (Phase phase : this.phases) {
			if ("step".equals(phase.name()) && phase.sustained()) {
				lastSustained = phase;
			}
		}
		this.out.printf("%nhighest sustained step: %s%n",
				(lastSustained != null) ? String.format("%.0f orders/s", lastSustained.rate()) : "none");
	}

	private static double loadAverage() {
		return Double.parseDouble(loadAverages().split(" ", -1)[0]);
	}

	private static String loadAverages() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	// Other builds on the machine repackage the jars: with a copy, a component that
	// starts mid-run cannot read a half-written jar.
	private static Path copyJars(Path root, Path copies) throws IOException {
		for (String module : List.of("embedded-stack", "outbox-relay", "order-service", "inventory-service")) {
			Path target = copies.resolve(module).resolve("target");
			Files.createDirectories(target);
			try (Stream<Path> files = Files.list(root.resolve(module).resolve("target"))) {
				for (Path jar : files.filter((file) -> file.toString().endsWith("-exec.jar")).toList()) {
					Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return copies;
	}

	// run from the repository root or from benchmarks
	private static Path repositoryRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.isDirectory(directory.resolve("demo/target"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("Run from the repository (no demo/target above "
					+ Path.of("").toAbsolutePath() + "): build first with mvn -B -DskipTests install");
		}
		return directory;
	}

}
