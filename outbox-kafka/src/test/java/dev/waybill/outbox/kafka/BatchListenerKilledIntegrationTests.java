package dev.waybill.outbox.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.waybill.outbox.test.TestRelay;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer killed with SIGKILL in the middle of a batch: inside the batch's database
 * transaction, and after its commit but before the offsets were committed. The consumer
 * that takes over applies every event of the batch, and none twice.
 */
@ExtendWith(EmbeddedStackExtension.class)
class BatchListenerKilledIntegrationTests {

	private static final int EVENTS = 30;

	private static final int STALLING = 20;

	@ParameterizedTest
	@EnumSource
	void theConsumerThatTakesOverAppliesEveryEventOfTheBatchOnce(Kill kill, EmbeddedStack stack, @TempDir Path dir)
			throws Exception {
		String topic = "killed-batch-" + UUID.randomUUID();
		List<String> arguments = PingBatchApplication.prepare(stack, topic,
				"--test.stall-file=" + dir.resolve("stalled"),
				"--test.stall-after-commit=" + (kill == Kill.AFTER_COMMIT));
		try (TestRelay relay = new TestRelay(stack.bootstrapServers(), "")) {
			relay.send(pings(topic));
		}
		Process first = launch(arguments, dir.resolve("first.log"));
		try {
			await().atMost(Duration.ofSeconds(90))
				.untilAsserted(
						() -> assertThat(dir.resolve("stalled")).as("see %s", dir.resolve("first.log")).exists());
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			first.destroyForcibly();
		}
		assertThat(committedOffset(stack, topic)).as("the killed consumer committed no offset").isZero();

		List<String> restart = new ArrayList<>(arguments);
		restart.add("--spring.kafka.listener.auto-startup=false");
		try (ConfigurableApplicationContext second = PingBatchApplication.run(restart)) {
			JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
			// inside the transaction nothing committed; after the commit all did
			assertThat(count(jdbc, "SELECT count(*) FROM ping")).isEqualTo((kill == Kill.AFTER_COMMIT) ? EVENTS : 0);
			second.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainers()
				.forEach(MessageListenerContainer::start);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(committedOffset(stack, topic)).isEqualTo(EVENTS));
			assertThat(count(jdbc, "SELECT count(*) FROM ping")).isEqualTo(EVENTS);
			assertThat(count(jdbc, "SELECT count(DISTINCT name) FROM ping")).isEqualTo(EVENTS);
			assertThat(count(jdbc, "SELECT count(*) FROM processed_event")).isEqualTo(EVENTS);
		}
	}

	// one key, so one partition, published in one transaction: the first poll holds all
	private static List<ProducerRecord<String, String>> pings(String topic) {
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (int seq = 1; seq <= EVENTS; seq++) {
			String name = (seq == STALLING) ? PingBatchApplication.STALL : "ping-" + seq;
			records.add(TestRelay.record(topic, "k", UUID.randomUUID(), "Pinged", seq,
					"{\"name\":\"%s\",\"key\":\"k\",\"seq\":%d,\"failures\":0,\"poison\":false}".formatted(name, seq)));
		}
		return records;
	}

	private static Process launch(List<String> arguments, Path log) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						PingBatchApplication.class.getName()));
		command.addAll(arguments);
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static long committedOffset(EmbeddedStack stack, String group) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			return offsets.values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
		}
	}

	private static int count(JdbcTemplate jdbc, String sql) {
		Integer count = jdbc.queryForObject(sql, Integer.class);
		return (count != null) ? count : 0;
	}

	enum Kill {

		INSIDE_THE_TRANSACTION, AFTER_COMMIT

	}

}
