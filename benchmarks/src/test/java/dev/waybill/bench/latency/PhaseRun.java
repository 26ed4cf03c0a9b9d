package dev.waybill.bench.latency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.waybill.bench.BenchmarkRelay;
import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayRunner;
import dev.waybill.stack.EmbeddedStack;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One phase: a fresh database with the reference outbox table, a relay with one strategy,
 * a consumer, and the writer's schedule at one rate (warm-up, then measured events),
 * drained before the relay stops.
 */
final class PhaseRun {

	private static final String SLOTS = """
			SELECT count(slot_name) FROM pg_replication_slots WHERE database = current_database()
			""";

	private static final int TOPIC_PARTITIONS = 3;

	private final EmbeddedStack stack;

	private final Settings settings;

	PhaseRun(EmbeddedStack stack, Settings settings) {
		this.stack = stack;
		this.settings = settings;
	}

	PhaseResult run(Strategy strategy, int rate) throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, strategy.name().replace('-', '_') + "_" + rate);
		RelayRunner runner = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, strategy.capture());
		String topic = runner.topicPrefix() + OpenLoopWriter.AGGREGATE_TYPE;
		createTopic(topic);
		int from = (int) (rate * this.settings.warmUp().toSeconds());
		Schedule schedule = new Schedule(strategy, rate, from,
				from + (int) (rate * this.settings.duration().toSeconds()), ThreadLocalRandom.current().nextLong());
		try (ArrivalRecorder recorder = new ArrivalRecorder(this.stack.bootstrapServers(), topic, schedule.idBits(),
				schedule.events(), this.settings.fetchWait())
			.start(); ConfigurableApplicationContext relay = runner.start(overrides(strategy))) {
			PhaseResult result = measure(schedule, outbox, recorder, relay);
			checkCapture(strategy, outbox);
			return result;
		}
		finally {
			dropSlots(outbox);
		}
	}

	/**
	 * @param strategy the relay
	 * @param rate events per second
	 * @param from the first measured event; those before it are the warm-up
	 * @param events all events, warm-up included
	 * @param idBits the high half of the event ids
	 */
	private record Schedule(Strategy strategy, int rate, int from, int events, long idBits) {

	}

	private PhaseResult measure(Schedule schedule, OutboxDatabase outbox, ArrivalRecorder recorder,
			ConfigurableApplicationContext relay) throws InterruptedException, SQLException {
		double loadBefore = LoadAverage.oneMinute();
		CpuSample before = CpuSample.now(this.stack.postgres().dataDirectory());
		OpenLoopWriter.Written written = new OpenLoopWriter(outbox, this.settings.writers()).write(schedule.idBits(),
				schedule.rate(), schedule.events());
		awaitArrivals(recorder, schedule.events());
		String details = relaySettings(relay) + "\n  "
				+ before.usageUntil(CpuSample.now(this.stack.postgres().dataDirectory()), schedule.events());
		double loadAfter = LoadAverage.oneMinute();
		recorder.stop();
		RuntimeException failure = recorder.failure();
		if (failure != null) {
			throw new IllegalStateException("The consumer failed; the phase is not measured", failure);
		}
		PhaseResult.Measured measured = PhaseResult.measure(written, recorder.arrivals(), schedule.from(),
				schedule.rate());
		return new PhaseResult(schedule.strategy(), schedule.rate(), schedule.events() - schedule.from(),
				measured.lost(), recorder.duplicates(), measured.latencies(), measured.achievedRate(),
				written.lateness(schedule.from(), schedule.rate()), loadBefore, loadAfter, measured.slices(), details);
	}

	private static String[] overrides(Strategy strategy) {
		BenchmarkRelay.excludeDataSourceInThisJvm();
		List<String> overrides = new ArrayList<>(strategy.properties());
		overrides.add("logging.level.root=WARN");
		overrides.add("spring.main.banner-mode=off");
		return overrides.toArray(String[]::new);
	}

	private static String relaySettings(ConfigurableApplicationContext relay) {
		RelayProperties properties = relay.getBean(RelayProperties.class);
		DistributionSummary batches = relay.getBean(MeterRegistry.class).find("waybill.relay.batch.size").summary();
		String capture = (properties.capture() == OutboxCapture.LOG)
				? "LOG, Debezium poll.interval.ms " + properties.pollInterval().toMillis()
				: "POLLING, interval " + properties.polling().interval().toMillis() + " ms";
		return capture + ", max batch " + properties.maxBatchSize() + "; " + ((batches != null)
				? "%,d batches, mean %.1f events".formatted(batches.count(), batches.mean()) : "no batch meter");
	}

	private void createTopic(String topic) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, TOPIC_PARTITIONS, (short) 1))).all().get();
		}
	}

	// the relay ignores settings it does not know: a relay without the polling strategy
	// would silently capture from the WAL and the comparison would be CDC against CDC
	private static void checkCapture(Strategy strategy, OutboxDatabase outbox) throws SQLException {
		long slots = count(outbox, SLOTS);
		if (strategy.readsWal() != (slots > 0)) {
			throw new IllegalStateException("Strategy " + strategy.name() + " expects "
					+ (strategy.readsWal() ? "a" : "no") + " replication slot in its database, found " + slots
					+ (strategy.polls() ? ": does this relay have the polling capture strategy?" : ""));
		}
	}

	private void awaitArrivals(ArrivalRecorder recorder, int events) throws InterruptedException {
		long deadline = System.nanoTime() + this.settings.drain().toNanos();
		while (recorder.received() < events && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	// a slot left behind would keep WAL for the rest of the run
	private void dropSlots(OutboxDatabase outbox) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (count(outbox, SLOTS) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The replication slot of " + outbox.name() + " is still active");
			}
			outbox.dropIdleReplicationSlots();
			Thread.sleep(100);
		}
	}

	private static long count(OutboxDatabase outbox, String sql) throws SQLException {
		try (Connection connection = outbox.connect();
				PreparedStatement select = connection.prepareStatement(sql);
				ResultSet result = select.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

}
