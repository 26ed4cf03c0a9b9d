package dev.waybill.outbox.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.waybill.outbox.test.TestRelay;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch listeners against the real broker and database, with the poll's events in one
 * transaction (the default) and, with {@code batch.shared-transaction=false}, each in its
 * own: how many transactions a batch costs, what a poison record or a failing effect
 * inside a batch does, and the order of each key's events.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchListenerIntegrationTests {

	private final Map<Mode, Consumer> consumers = new EnumMap<>(Mode.class);

	private EmbeddedStack stack;

	private TestRelay relay;

	@BeforeAll
	void start(EmbeddedStack stack) {
		this.stack = stack;
		this.relay = new TestRelay(stack.bootstrapServers(), "");
		for (Mode mode : Mode.values()) {
			this.consumers.put(mode, Consumer.start(stack, mode));
		}
	}

	@AfterAll
	void stop() {
		this.relay.close();
		this.consumers.values().forEach((consumer) -> consumer.context().close());
	}

	@ParameterizedTest
	@EnumSource
	void theEventsOfOnePollAreAppliedInOneTransactionUnlessEachIsToHaveItsOwn(Mode mode) {
		Consumer consumer = this.consumers.get(mode);
		String key = "together-" + UUID.randomUUID();
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (int seq = 1; seq <= 40; seq++) {
			records.add(consumer.ping(UUID.randomUUID(), key + "-" + seq, key, seq, 0, false));
		}
		this.relay.send(records);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumer.applied(key)).hasSize(40));
		// rows written by one transaction share its id
		Integer transactions = consumer.jdbc()
			.queryForObject("SELECT count(DISTINCT xmin::text) FROM ping WHERE key = ?", Integer.class, key);
		if (mode == Mode.SHARED) {
			assertThat(transactions).isLessThanOrEqualTo(4);
		}
		else {
			assertThat(transactions).isEqualTo(40);
		}
	}

	@ParameterizedTest
	@EnumSource
	void poisonAndFailingRecordsInsideBatchesLeaveEveryOtherRecordAppliedOnceInTheOrderOfItsKey(Mode mode) {
		Consumer consumer = this.consumers.get(mode);
		long seed = new Random().nextLong();
		System.out.println("BatchListenerIntegrationTests " + mode + " seed " + seed);
		Random random = new Random(seed);
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> keys = List.of(run + "-a", run + "-b", run + "-c", run + "-d", run + "-e");
		Map<String, Integer> sequences = new LinkedHashMap<>();
		Map<String, List<Integer>> expected = new LinkedHashMap<>();
		Set<String> poisonIds = new HashSet<>();
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			String key = keys.get(random.nextInt(keys.size()));
			int seq = sequences.merge(key, 1, Integer::sum);
			String name = key + "-" + seq;
			UUID id = UUID.randomUUID();
			int kind = random.nextInt(30);
			records.add(switch (kind) {
				case 0 -> consumer.ping(id, name, key, seq, 0, true);
				case 1 -> TestRelay.record(consumer.topic(), key, id, "Unknown", seq, "{}");
				case 2 -> TestRelay.record(consumer.topic(), key, id, "Pinged", seq, "{not json");
				case 3 -> TestRelay.record(consumer.topic(), key, id, "Noted", seq, "{}");
				case 4 -> consumer.ping(id, name, key, seq, 1 + random.nextInt(2), false);
				default -> consumer.ping(id, name, key, seq, 0, false);
			});
			if (kind <= 2) {
				poisonIds.add(id.toString());
			}
			else if (kind > 3) {
				expected.computeIfAbsent(key, (k) -> new ArrayList<>()).add(seq);
			}
		}
		// several relay transactions, so that batches end at different places
		for (int from = 0; from < records.size(); from += 37) {
			this.relay.send(records.subList(from, Math.min(records.size(), from + 37)));
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (String key : keys) {
				assertThat(consumer.applied(key)).as("seed %d, key %s", seed, key)
					.isEqualTo(expected.getOrDefault(key, List.of()));
			}
		});
		List<ConsumerRecord<String, String>> dead = TestRelay.read(this.stack.bootstrapServers(),
				consumer.topic() + ".dlt", poisonIds.size());
		assertThat(dead.stream().map((record) -> TestRelay.header(record, "id")).collect(Collectors.toSet()))
			.as("seed %d", seed)
			.containsAll(poisonIds);
		assertThat(dead).allSatisfy((record) -> assertThat(TestRelay.header(record, DeadLetterHeaders.REASON))
			.containsAnyOf("can never be applied", "Unknown event type", "not valid JSON"));
	}

	enum Mode {

		SHARED, PER_EVENT

	}

	private record Consumer(ConfigurableApplicationContext context, String topic) {

		static Consumer start(EmbeddedStack stack, Mode mode) {
			String topic = "batch-pings-" + UUID.randomUUID();
			List<String> arguments = PingBatchApplication.prepare(stack, topic,
					"--waybill.outbox.kafka.retry.initial-interval=50ms", "--waybill.outbox.kafka.retry.max-elapsed=1s",
					"--waybill.outbox.kafka.batch.shared-transaction=" + (mode == Mode.SHARED));
			ConfigurableApplicationContext context = PingBatchApplication.run(arguments);
			return new Consumer(context, topic);
		}

		ProducerRecord<String, String> ping(UUID id, String name, String key, int seq, int failures, boolean poison) {
			return TestRelay.record(this.topic, key, id, "Pinged", seq,
					"{\"name\":\"%s\",\"key\":\"%s\",\"seq\":%d,\"failures\":%d,\"poison\":%b}".formatted(name, key,
							seq, failures, poison));
		}

		// the sequence numbers of a key's applied events, in the order they were applied
		List<Integer> applied(String key) {
			return Collections.unmodifiableList(
					jdbc().queryForList("SELECT seq FROM ping WHERE key = ? ORDER BY applied", Integer.class, key));
		}

		JdbcTemplate jdbc() {
			return this.context.getBean(JdbcTemplate.class);
		}

	}

}
