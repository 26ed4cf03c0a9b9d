package dev.waybill.relay;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.StackSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jdk.jfr.Recording;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 3's benchmark, a command rather than a test: drains a backlog of outbox events
 * committed before the relay starts, in exactly-once and at-least-once mode, next to the
 * raw producer rate on the same broker and Debezium's {@code EventRouter} baseline, and
 * profiles the exactly-once drain with Java Flight Recorder. See BENCHMARKS.md.
 */
public final class RelayBenchmark {

	private static final String BACKLOG = """
			INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at)
			SELECT gen_random_uuid(), 'bench', 'agg-' || (g %% 1000), 'Happened',
			       jsonb_build_object('n', g, 'sku', 'SKU-' || (g %% 977), 'note', repeat('x', 40)),
			       g / 1000 + 1, now()
			FROM generate_series(%d, %d) g
			""";

	private final EmbeddedStack stack;

	private final int events;

	private RelayBenchmark(EmbeddedStack stack, int events) {
		this.stack = stack;
		this.events = events;
	}

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		try (EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).start()) {
			new RelayBenchmark(stack, events).run();
		}
		System.exit(0);
	}

	private void run() throws Exception {
		System.out.printf("backlog: %,d events in 1,000-row transactions; %d cores; %s%n", this.events,
				Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		double raw = rawProducer();
		double atLeastOnce = relay(Delivery.AT_LEAST_ONCE, false);
		double exactlyOnce = relay(Delivery.EXACTLY_ONCE, true);
		double baseline = eventRouter();
		System.out.printf("%nraw producer      %,10.0f records/s%n", raw);
		System.out.printf("EventRouter SMT   %,10.0f events/s%n", baseline);
		System.out.printf("at-least-once     %,10.0f events/s  (%.2fx EventRouter)%n", atLeastOnce,
				atLeastOnce / baseline);
		System.out.printf(
				"exactly-once      %,10.0f events/s  (%.2fx EventRouter, %.2fx at-least-once, %.1f%% of raw)%n",
				exactlyOnce, exactlyOnce / baseline, exactlyOnce / atLeastOnce, 100 * exactlyOnce / raw);
	}

	private double rawProducer() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
			long start = System.nanoTime();
			for (int g = 1; g <= this.events; g++) {
				RecordHeaders headers = new RecordHeaders();
				headers.add("id", utf8(java.util.UUID.randomUUID().toString()));
				headers.add("eventType", utf8("Happened"));
				headers.add("aggregateVersion", utf8(Integer.toString(g / 1000 + 1)));
				String payload = "{\"n\": " + g + ", \"sku\": \"SKU-" + (g % 977) + "\", \"note\": \"" + "x".repeat(40)
						+ "\"}";
				producer.send(new ProducerRecord<>("raw.event.bench", null, utf8("agg-" + (g % 1000)), utf8(payload),
						headers));
			}
			producer.flush();
			return rate(start, "raw producer", () -> this.events);
		}
	}

	private double eventRouter() throws Exception {
		OutboxDatabase outbox = backlog("router");
		try (EventRouterBaseline baseline = new EventRouterBaseline(this.stack, outbox.name());
				Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
			long cpuBefore = processCpuNanos();
			long start = System.nanoTime();
			baseline.start();
			awaitPublished(baseline::published);
			double rate = rate(start, "EventRouter", baseline::published);
			printCpu(cpuBefore);
			recording.stop();
			Path jfr = Files.createTempFile("router-benchmark", ".jfr");
			recording.dump(jfr);
			System.out.println("  flight recording: " + jfr);
			return rate;
		}
	}

	private double relay(Delivery delivery, boolean profile) throws Exception {
		OutboxDatabase outbox = backlog(delivery.name().toLowerCase().replace('_', '-').replace("-", ""));
		Recording recording = profile ? new Recording() : null;
		if (recording != null) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
		}
		long start = System.nanoTime();
		try (ConfigurableApplicationContext relay = RelayRunner.of(this.stack, outbox, delivery).start()) {
			MeterRegistry registry = relay.getBean(MeterRegistry.class);
			LongSupplier published = () -> (long) registry.find("waybill.relay.events.published")
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum();
			long streaming = System.nanoTime();
			long cpuBefore = processCpuNanos();
			System.out.printf("  relay started and streaming after %.2f s%n", (streaming - start) / 1e9);
			awaitPublished(published);
			double rate = rate(streaming, delivery.name(), published);
			var batches = registry.find("waybill.relay.batch.size").summary();
			if (batches != null) {
				System.out.printf("  %d batches, mean %.0f change events, max %.0f%n", batches.count(), batches.mean(),
						batches.max());
			}
			printCpu(cpuBefore);
			if (recording != null) {
				recording.stop();
				Path jfr = Files.createTempFile("relay-benchmark", ".jfr");
				recording.dump(jfr);
				recording.close();
				Hotspots.print(jfr);
			}
			return rate;
		}
	}

	// the slot and publication exist before the backlog is written, as they would
	// for a relay that was stopped while the services kept writing
	private OutboxDatabase backlog(String prefix) {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, prefix);
		this.stack.postgres()
			.execute(outbox.name(), "CREATE PUBLICATION " + outbox.name() + " FOR TABLE public.outbox_event",
					"SELECT pg_create_logical_replication_slot('" + outbox.name() + "', 'pgoutput')");
		long start = System.nanoTime();
		for (int first = 1; first <= this.events; first += 1000) {
			outbox.execute(BACKLOG.formatted(first, Math.min(first + 999, this.events)));
		}
		System.out.printf("%s: backlog of %,d written in %.1f s%n", prefix, this.events,
				(System.nanoTime() - start) / 1e9);
		return outbox;
	}

	private void awaitPublished(LongSupplier published) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (published.getAsLong() < this.events) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + published.getAsLong() + " of " + this.events + " published");
			}
			Thread.sleep(5);
		}
	}

	private double rate(long start, String label, LongSupplier count) {
		double seconds = (System.nanoTime() - start) / 1e9;
		double rate = count.getAsLong() / seconds;
		System.out.printf("%s: %,d in %.2f s = %,.0f/s%n", label, count.getAsLong(), seconds, rate);
		return rate;
	}

	private void printCpu(long cpuBefore) {
		System.out.printf("  JVM CPU (engine, publisher and in-JVM broker): %.1f µs per event%n",
				(processCpuNanos() - cpuBefore) / 1000.0 / this.events);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
