package dev.waybill.bench.drain;

import dev.waybill.bench.BenchmarkJvm;
import dev.waybill.relay.OutboxDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.StackSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The drain benchmark, a command rather than a test: drains a backlog of outbox events
 * committed before the relay starts, in exactly-once and at-least-once mode, next to the
 * raw producer rate on the same broker and Debezium's {@code EventRouter} baseline. Each
 * contender runs in a JVM of its own ({@link BenchmarkContender}), with its CPU per
 * thread measured and its Debezium decoding thread profiled. See BENCHMARKS.md.
 */
public final class RelayBenchmark {

	private static final String BACKLOG = """
			INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at)
			SELECT gen_random_uuid(), 'bench', 'agg-' || (g %% 1000), 'Happened',
			       jsonb_build_object('n', g, 'sku', 'SKU-' || (g %% 977), 'note', repeat('x', 40)),
			       g / 1000 + 1, now()
			FROM generate_series(%d, %d) g
			""";

	private static final String EVENT_ROUTER = "eventrouter";

	private final EmbeddedStack stack;

	private final int events;

	private final ContenderJvm contenders;

	private RelayBenchmark(EmbeddedStack stack, int events) throws IOException {
		this.stack = stack;
		this.events = events;
		this.contenders = new ContenderJvm(stack);
	}

	public static void main(String[] args) throws Exception {
		BenchmarkJvm.requireDefaults();
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 1;
		try (EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).start()) {
			new RelayBenchmark(stack, events).run(rounds);
		}
		System.exit(0);
	}

	private void run(int rounds) throws IOException, InterruptedException {
		System.out.printf("backlog: %,d events in 1,000-row transactions; %d cores; %s; load %s%n", this.events,
				Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), ProcStat.loadAverage());
		String only = System.getProperty("waybill.bench.contender", "");
		if (!only.isBlank()) {
			// one contender alone, profiled, once per round: a long steady-state drain
			for (int round = 1; round <= rounds; round++) {
				System.out.printf("%s alone, round %d: %,.0f events/s%n", only, round, contender(only, true));
			}
			return;
		}
		List<String> chosen = Stream.of(System.getProperty("waybill.bench.contenders", "").split(","))
			.filter((kind) -> !kind.isBlank())
			.toList();
		if (!chosen.isEmpty()) {
			pairs(chosen, rounds);
			return;
		}
		double raw = rawProducer();
		for (int round = 1; round <= rounds; round++) {
			System.out.printf("%nround %d of %d%n", round, rounds);
			Rates rates = rates(round);
			System.out.printf("%nround %d (load %s):%n", round, ProcStat.loadAverage());
			rates.print(raw);
		}
	}

	// the contenders named, in their order in odd rounds and the reverse in even ones,
	// each rate as a ratio to the first named of the same round
	private void pairs(List<String> kinds, int rounds) throws IOException, InterruptedException {
		for (int round = 1; round <= rounds; round++) {
			List<String> order = new ArrayList<>(kinds);
			if (round % 2 == 0) {
				Collections.reverse(order);
			}
			Map<String, Double> rates = new HashMap<>();
			for (String kind : order) {
				rates.put(kind, contender(kind, false));
			}
			System.out.printf("%nround %d (load %s), in the order %s:%n", round, ProcStat.loadAverage(), order);
			for (String kind : kinds) {
				System.out.printf("%-16s %,10.0f events/s  (%.2fx %s)%n", kind, rates.get(kind),
						rates.get(kind) / rates.get(kinds.get(0)), kinds.get(0));
			}
		}
	}

	// later rounds swap the order, so that neither side always runs first
	private Rates rates(int round) throws IOException, InterruptedException {
		if (round % 2 == 1) {
			double atLeastOnce = contender(Delivery.AT_LEAST_ONCE.name(), false);
			double exactlyOnce = contender(Delivery.EXACTLY_ONCE.name(), true);
			double withStatistics = contender(BenchmarkContender.STATISTICS, true);
			double baseline = contender(EVENT_ROUTER, true);
			return new Rates(atLeastOnce, exactlyOnce, withStatistics, baseline,
					contender(BenchmarkContender.POLLING, false));
		}
		double polling = contender(BenchmarkContender.POLLING, false);
		double baseline = contender(EVENT_ROUTER, true);
		double withStatistics = contender(BenchmarkContender.STATISTICS, true);
		double exactlyOnce = contender(Delivery.EXACTLY_ONCE.name(), true);
		return new Rates(contender(Delivery.AT_LEAST_ONCE.name(), false), exactlyOnce, withStatistics, baseline,
				polling);
	}

	// each contender drains a warm-up backlog and then the measured one in a JVM of its
	// own (see BenchmarkContender); the broker's CPU in this JVM is measured meanwhile
	private double contender(String kind, boolean profile) throws IOException, InterruptedException {
		String name = kind.toLowerCase(Locale.ROOT).replace("_", "");
		int warmUp = Math.max(20_000, this.events / 2);
		boolean logCapture = !BenchmarkContender.POLLING.equals(kind);
		OutboxDatabase warm = backlog(name + "warm", warmUp, logCapture);
		OutboxDatabase measured = backlog(name, this.events, logCapture);
		return this.contenders.run(kind, profile, warm, warmUp, measured, this.events);
	}

	private double rawProducer() {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(rawProducerConfig())) {
			AtomicReference<Exception> failure = new AtomicReference<>();
			long start = System.nanoTime();
			for (int g = 1; g <= this.events; g++) {
				// the callback sees every failure, which the futures would only repeat
				Future<RecordMetadata> unused = producer.send(rawRecord(g), (metadata, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
				});
			}
			producer.flush();
			if (failure.get() != null) {
				throw new IllegalStateException("The raw producer could not send", failure.get());
			}
			return rate(start, 0, "raw producer", () -> this.events);
		}
	}

	private Map<String, Object> rawProducerConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return config;
	}

	// the record the relay would publish for event g of the backlog
	private static ProducerRecord<byte[], byte[]> rawRecord(int g) {
		RecordHeaders headers = new RecordHeaders();
		headers.add("id", utf8(java.util.UUID.randomUUID().toString()));
		headers.add("eventType", utf8("Happened"));
		headers.add("aggregateVersion", utf8(Integer.toString(g / 1000 + 1)));
		String payload = "{\"n\": " + g + ", \"sku\": \"SKU-" + (g % 977) + "\", \"note\": \"" + "x".repeat(40) + "\"}";
		return new ProducerRecord<>("raw.event.bench", null, utf8("agg-" + (g % 1000)), utf8(payload), headers);
	}

	// the slot and publication (as the relay creates them) exist before the backlog is
	// written, as they would for a relay that was stopped while the services kept
	// writing;
	// so does the relay's record of its capture, with the slot's consistent point as its
	// boundary. Without that record the relay would take the table over and publish the
	// backlog through its poller before the engine streams and the clock starts. A
	// polling relay records its capture itself.
	private OutboxDatabase backlog(String prefix, int events, boolean logCapture) {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, prefix);
		this.stack.postgres()
			.execute(outbox.name(),
					"CREATE PUBLICATION " + outbox.name() + " FOR TABLE public.outbox_event WITH (publish = 'insert')",
					"SELECT pg_create_logical_replication_slot('" + outbox.name() + "', 'pgoutput')");
		if (logCapture) {
			this.stack.postgres()
				.execute(outbox.name(),
						"INSERT INTO public.outbox_capture (outbox_table, capture, recorded_at, slot_name, boundary_lsn)"
								+ " SELECT 'public.outbox_event'::regclass, 'LOG', now(), slot_name, confirmed_flush_lsn"
								+ " FROM pg_replication_slots WHERE slot_name = '" + outbox.name() + "'");
		}
		long start = System.nanoTime();
		for (int first = 1; first <= events; first += 1000) {
			outbox.execute(BACKLOG.formatted(first, Math.min(first + 999, events)));
		}
		System.out.printf("%s: backlog of %,d written in %.1f s%n", prefix, events, (System.nanoTime() - start) / 1e9);
		return outbox;
	}

	// events published before the clock started (while the
	// contender started) are not counted
	private double rate(long start, long before, String label, LongSupplier count) {
		double seconds = (System.nanoTime() - start) / 1e9;
		long drained = count.getAsLong() - before;
		double rate = drained / seconds;
		System.out.printf("%s: %,d in %.2f s = %,.0f/s (%,d published before the clock started)%n", label, drained,
				seconds, rate, before);
		return rate;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Events per second of one round's contenders.
	 *
	 * @param atLeastOnce the relay, at-least-once
	 * @param exactlyOnce the relay, exactly-once
	 * @param withStatistics the relay, exactly-once, with Debezium's statistics (its
	 * default, which the relay turns off)
	 * @param baseline Debezium's EventRouter
	 * @param polling the relay, exactly-once with polling capture
	 */
	private record Rates(double atLeastOnce, double exactlyOnce, double withStatistics, double baseline,
			double polling) {

		void print(double raw) {
			System.out.printf("raw producer      %,10.0f records/s%n", raw);
			System.out.printf("EventRouter SMT   %,10.0f events/s%n", this.baseline);
			System.out.printf("at-least-once     %,10.0f events/s  (%.2fx EventRouter)%n", this.atLeastOnce,
					this.atLeastOnce / this.baseline);
			System.out.printf(
					"exactly-once      %,10.0f events/s  (%.2fx EventRouter, %.2fx at-least-once, %.1f%% of raw)%n",
					this.exactlyOnce, this.exactlyOnce / this.baseline, this.exactlyOnce / this.atLeastOnce,
					100 * this.exactlyOnce / raw);
			System.out.printf("exactly-once, Debezium's statistics on %,6.0f events/s  (%.2fx exactly-once)%n",
					this.withStatistics, this.withStatistics / this.exactlyOnce);
			System.out.printf("polling, exactly-once %,6.0f events/s  (%.2fx EventRouter, %.2fx exactly-once)%n",
					this.polling, this.polling / this.baseline, this.polling / this.exactlyOnce);
		}

	}

}
