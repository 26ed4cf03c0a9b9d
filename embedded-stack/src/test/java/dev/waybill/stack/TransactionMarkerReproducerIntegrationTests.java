package dev.waybill.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.waybill.stack.CoordinatorLog.Line;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reproduces KAFKA-20734 on demand: a single broker restarted while a writer commits
 * transactions may skip a partition's commit marker, and a {@code read_committed}
 * consumer then sees records twice. A measurement, not a check of Kafka: it prints what
 * happened and asserts only that the harness wrote, restarted and read.
 *
 * <p>
 * Skipped unless {@code -Dwaybill.kafka20734.restarts=N} is set; optional
 * {@code -Dwaybill.kafka20734.minutes=M} (25 by default) ends it earlier,
 * {@code -Dwaybill.kafka20734.controlled-shutdown=false} runs the broker without
 * controlled shutdown, and {@code -Dwaybill.kafka20734.quick-restarts=true} starts it
 * again at once instead of once the writer gave up (docs/kafka-20734.md).
 */
@EnabledIfSystemProperty(named = ReproducerSettings.RESTARTS, matches = ".*")
class TransactionMarkerReproducerIntegrationTests {

	private static final String DATA_TOPIC = "kafka-20734-data";

	private static final String POSITION_TOPIC = "kafka-20734-position";

	private static final int DATA_PARTITIONS = 3;

	private static final int RECORDS_PER_TRANSACTION = 10;

	private static final int TRANSACTIONS_BETWEEN_RESTARTS = 30;

	@TempDir
	Path directory;

	@Test
	void countsTheMarkersASingleBrokerSkipsWhenRestartedUnderTransactionsAndWhatAReadCommittedConsumerSees()
			throws Exception {
		ReproducerSettings settings = ReproducerSettings.fromSystemProperties();
		int[] ports = FreePorts.take(2);
		Map<String, String> overrides = Map.of("controlled.shutdown.enable",
				Boolean.toString(settings.controlledShutdown()));
		try (CoordinatorLog log = CoordinatorLog.capture();
				KafkaBroker broker = new KafkaBroker(ports[0], ports[1], this.directory.resolve("kafka"), overrides)
					.start()) {
			String features = createTopics(broker.bootstrapServers());
			PositionedWriter writer = new PositionedWriter(broker.bootstrapServers(), DATA_TOPIC, DATA_PARTITIONS,
					POSITION_TOPIC, RECORDS_PER_TRANSACTION)
				.start();
			List<BrokerRestart> restarts;
			try {
				restarts = restartUnderWrites(broker, writer, log, settings);
			}
			finally {
				writer.close();
			}
			NumberTally tally = NumberTally.read(broker.bootstrapServers(), DATA_TOPIC, DATA_PARTITIONS,
					writer.committedPosition());
			System.out
				.println(ReproducerReport.of(settings, features, restarts, writer, tally, DATA_TOPIC, POSITION_TOPIC));
			assertThat(restarts).as("restarts done").isNotEmpty();
			assertThat(tally.written()).as("numbers committed").isPositive();
			assertThat(tally.distinct()).as("numbers read back").isPositive();
			assertThat(log.all()).as("the coordinator's INFO lines, captured")
				.anyMatch((line) -> line.message().contains("Elected as the txn coordinator"));
		}
	}

	private static List<BrokerRestart> restartUnderWrites(KafkaBroker broker, PositionedWriter writer,
			CoordinatorLog log, ReproducerSettings settings) {
		List<BrokerRestart> done = new ArrayList<>();
		long deadline = System.nanoTime() + settings.budget().toNanos();
		awaitWrites(writer);
		for (int number = 1; number <= settings.restarts() && System.nanoTime() < deadline; number++) {
			int mark = log.size();
			long recoveries = writer.recoveries();
			int rewinds = writer.rewinds().size();
			long stopping = System.nanoTime();
			broker.stop();
			int stopped = log.size() - mark;
			if (!settings.quickRestarts()) {
				await().atMost(Duration.ofMinutes(1)).until(() -> writer.recoveries() > recoveries);
			}
			long starting = System.nanoTime();
			broker.start();
			long started = System.nanoTime();
			awaitWrites(writer);
			List<Line> lines = log.since(mark);
			List<Long> rewound = writer.rewinds();
			done.add(new BrokerRestart(number, Duration.ofNanos(starting - stopping),
					Duration.ofNanos(started - starting), lines.subList(0, stopped),
					lines.subList(stopped, lines.size()), writer.recoveries() - recoveries,
					rewound.subList(rewinds, rewound.size())));
		}
		return done;
	}

	// the writer commits in a tight loop, so a transaction is in flight whenever the
	// broker stops
	private static void awaitWrites(PositionedWriter writer) {
		long mark = writer.transactions();
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> writer.transactions() >= mark + TRANSACTIONS_BETWEEN_RESTARTS);
	}

	private static String createTopics(String bootstrapServers) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			NewTopic data = new NewTopic(DATA_TOPIC, DATA_PARTITIONS, (short) 1);
			// compacted like a relay's offsets topic, and cleaned often so that reading
			// the
			// position back stays short
			NewTopic position = new NewTopic(POSITION_TOPIC, 1, (short) 1).configs(Map.of("cleanup.policy", "compact",
					"segment.bytes", "1048576", "min.cleanable.dirty.ratio", "0.01"));
			admin.createTopics(List.of(data, position)).all().get();
			return admin.describeFeatures().featureMetadata().get().finalizedFeatures().toString();
		}
	}

}
