package dev.waybill.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaClusterExtension.class)
class KafkaClusterIntegrationTests {

	private static final String TOPIC = "cluster-transactions";

	private static final int RECORDS_PER_TRANSACTION = 5;

	private static KafkaCluster cluster;

	private final List<String> committed = Collections.synchronizedList(new ArrayList<>());

	private final AtomicBoolean producing = new AtomicBoolean(true);

	@BeforeAll
	static void useTheSharedCluster(KafkaCluster shared) {
		cluster = shared;
	}

	@Test
	void replicatesEveryTopicThreeTimesWithTwoReplicasInSync() throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic("cluster-defaults", 1, (short) -1))).all().get();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(describe(admin, "cluster-defaults").partitions().get(0).isr()).hasSize(3));
			assertThat(admin
				.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
						org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "cluster-defaults")))
				.all()
				.get()
				.values()
				.iterator()
				.next()
				.get("min.insync.replicas")
				.value()).isEqualTo("2");
		}
	}

	@Test
	void theSharedClusterHasCommittedATransactionBeforeTheFirstTestUsesIt() {
		assertThat(readCommitted(TransactionReadiness.TOPIC, 1)).isNotEmpty();
	}

	@Test
	void aTransactionalProducerKeepsCommittingExactlyOnceWhileOneNodeStopsAndStartsAgain() throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
				.all()
				.get();
			cluster.awaitFullyReplicated(Duration.ofSeconds(60));
			int leader = describe(admin, TOPIC).partitions().get(0).leader().id();
			CompletableFuture<Void> producer = CompletableFuture.runAsync(this::produceUntilStopped);
			awaitMoreCommits(producer);
			cluster.node(leader).stop();
			awaitMoreCommits(producer);
			cluster.node(leader).start();
			awaitMoreCommits(producer);
			this.producing.set(false);
			producer.get();
		}
		assertThat(this.committed).hasSizeGreaterThan(3 * RECORDS_PER_TRANSACTION);
		assertThat(readCommitted(TOPIC, this.committed.size())).containsExactlyInAnyOrderElementsOf(this.committed);
		cluster.awaitFullyReplicated(Duration.ofSeconds(60));
	}

	// Each transaction's records are counted only once its commit returned; a
	// transaction that fails is aborted, and its records must then never be read.
	private void produceUntilStopped() {
		Map<String, Object> config = Map.of("bootstrap.servers", cluster.bootstrapServers(), "transactional.id",
				"cluster-test", "delivery.timeout.ms", 120000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.initTransactions();
			for (int transaction = 0; this.producing.get(); transaction++) {
				List<String> values = new ArrayList<>();
				producer.beginTransaction();
				for (int i = 0; i < RECORDS_PER_TRANSACTION; i++) {
					String value = transaction + "-" + i;
					producer.send(new ProducerRecord<>(TOPIC, value, value));
					values.add(value);
				}
				producer.commitTransaction();
				this.committed.addAll(values);
			}
		}
	}

	private void awaitMoreCommits(CompletableFuture<Void> producer) {
		int before = this.committed.size();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(producer).isNotCompletedExceptionally();
			assertThat(this.committed.size()).isGreaterThanOrEqualTo(before + 10 * RECORDS_PER_TRANSACTION);
		});
	}

	private static List<String> readCommitted(String topic, int expected) {
		Map<String, Object> config = Map.of("bootstrap.servers", cluster.bootstrapServers(), "group.id",
				"cluster-reader", "auto.offset.reset", "earliest", "isolation.level", "read_committed");
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				assertThat(values).hasSizeGreaterThanOrEqualTo(expected);
			});
			// one more poll, so that a record read twice would show
			consumer.poll(Duration.ofSeconds(1)).forEach((record) -> values.add(record.value()));
		}
		return values;
	}

	private static Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
	}

	private static TopicDescription describe(Admin admin, String topic) throws Exception {
		return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
	}

}
