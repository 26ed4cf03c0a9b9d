package dev.waybill.bench.drain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import dev.waybill.bench.BenchmarkRelay;
import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jdk.jfr.Recording;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One contender of {@link RelayBenchmark} in a JVM of its own, as in production (the
 * relay and Debezium Server are processes of their own): first an untimed drain of a
 * warm-up backlog, then the measured drain, both by the same pipeline.
 *
 * <p>
 * Its own JVM because contenders that share one JVM share its compiled code: measured
 * here, whichever ran second found the shared Debezium code compiled for the first one's
 * types, paid deoptimisation and recompilation during its drain, and drained at a
 * different speed for that alone. Lines for the benchmark start with {@code "| "}.
 */
public final class BenchmarkContender {

	/** The kind of the relay exactly-once with polling capture. */
	static final String POLLING = "POLLING";

	/** The kind of the relay exactly-once with Debezium's own statistics, its default. */
	static final String STATISTICS = "STATISTICS";

	/**
	 * The system property holding relay settings ({@code name=value}, comma-separated)
	 * that every relay contender of a run takes, such as
	 * {@code waybill.relay.max-batch-size=4096}.
	 */
	static final String RELAY_SETTINGS = "waybill.bench.relay-settings";

	private final String kind;

	private final String bootstrapServers;

	private final int postgresPort;

	private final Path postgresData;

	private BenchmarkContender(String[] args) {
		this.kind = args[0];
		this.bootstrapServers = args[1];
		this.postgresPort = Integer.parseInt(args[2]);
		this.postgresData = Path.of(args[3]);
	}

	/**
	 * @param args kind ({@code eventrouter}, {@code POLLING}, {@code STATISTICS} or a
	 * {@link Delivery}), bootstrap servers, PostgreSQL port and data directory, warm-up
	 * database and its events, measured database and its events, whether to profile with
	 * JFR
	 */
	public static void main(String[] args) throws Exception {
		BenchmarkContender contender = new BenchmarkContender(args);
		contender.drain(args[4], Integer.parseInt(args[5]), false, false);
		double rate = contender.drain(args[6], Integer.parseInt(args[7]), true, Boolean.parseBoolean(args[8]));
		say("RESULT " + rate);
		System.exit(0);
	}

	private double drain(String database, int events, boolean measured, boolean profile) throws Exception {
		try (Recording recording = new Recording()) {
			if (profile) {
				recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
				// what the JIT still does in the measured drain, which a short drain pays
				// for
				recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
				recording.enable("jdk.Deoptimization");
				recording.start();
			}
			double rate = switch (this.kind) {
				case "eventrouter" -> eventRouter(database, events, measured);
				case POLLING -> relay(Delivery.EXACTLY_ONCE, OutboxCapture.POLLING, database, events, measured);
				case STATISTICS -> relay(Delivery.EXACTLY_ONCE, OutboxCapture.LOG, database, events, measured,
						"waybill.relay.sources[0].debezium.statistics.metrics.enabled=true");
				default -> relay(Delivery.valueOf(this.kind), OutboxCapture.LOG, database, events, measured);
			};
			if (profile) {
				recording.stop();
				Path jfr = Files.createTempFile(this.kind + "-benchmark", ".jfr");
				recording.dump(jfr);
				say("flight recording: " + jfr);
				Hotspots.print(jfr);
			}
			return rate;
		}
	}

	private double eventRouter(String database, int events, boolean measured) throws Exception {
		try (EventRouterBaseline baseline = new EventRouterBaseline(this.bootstrapServers, this.postgresPort,
				database)) {
			long starting = System.nanoTime();
			baseline.start();
			say(String.format("engine started and streaming after %.2f s", (System.nanoTime() - starting) / 1e9));
			return timed(baseline::published, events, measured);
		}
	}

	private double relay(Delivery delivery, OutboxCapture capture, String database, int events, boolean measured,
			String... settings) throws Exception {
		RelayRunner runner = new RelayRunner(this.bootstrapServers, database, this.postgresPort, database, delivery,
				capture);
		long starting = System.nanoTime();
		String[] overrides = Stream
			.of(Stream.of("logging.level.root=WARN"), Stream.of(settings),
					Stream.of(System.getProperty(RELAY_SETTINGS, "").split(","))
						.filter((setting) -> !setting.isBlank()))
			.flatMap((each) -> each)
			.toArray(String[]::new);
		say("relay settings: " + String.join(" ", overrides));
		BenchmarkRelay.excludeDataSourceInThisJvm();
		try (ConfigurableApplicationContext relay = runner.start(overrides)) {
			MeterRegistry registry = relay.getBean(MeterRegistry.class);
			LongSupplier published = () -> (long) registry.find("waybill.relay.events.published")
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum();
			say(String.format("relay started and streaming after %.2f s", (System.nanoTime() - starting) / 1e9));
			double rate = timed(published, events, measured);
			var batches = registry.find("waybill.relay.batch.size").summary();
			if (batches != null && measured) {
				say(String.format("%d batches, mean %.0f change events, max %.0f", batches.count(), batches.mean(),
						batches.max()));
			}
			return rate;
		}
	}

	// the clock starts once the engine streams; events published before are not counted
	private double timed(LongSupplier published, int events, boolean measured) throws InterruptedException {
		long start = System.nanoTime();
		long before = published.getAsLong();
		CpuAccount cpu = CpuAccount.start(this.postgresData);
		if (measured) {
			say("DRAIN STARTED");
		}
		long deadline = start + Duration.ofMinutes(10).toNanos();
		while (published.getAsLong() < events) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + published.getAsLong() + " of " + events + " published");
			}
			Thread.sleep(5);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long drained = published.getAsLong() - before;
		say(String.format("%s%s: %,d in %.2f s = %,.0f/s (%,d published before the clock started)",
				measured ? "" : "warm-up ", this.kind, drained, seconds, drained / seconds, before));
		cpu.print(drained);
		if (measured) {
			// the benchmark's JVM (the broker) measures its own CPU between the two
			say("DRAIN FINISHED " + drained);
		}
		return drained / seconds;
	}

	private static void say(String line) {
		System.out.println("| " + line);
	}

}
