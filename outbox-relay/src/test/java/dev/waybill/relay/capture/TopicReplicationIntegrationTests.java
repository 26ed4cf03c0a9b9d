package dev.waybill.relay.capture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.KafkaCluster;
import dev.waybill.stack.KafkaClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The replication check against real brokers: the shared single broker, where nothing can
 * be replicated, and a cluster of three.
 */
@ExtendWith({ EmbeddedStackExtension.class, KafkaClusterExtension.class, OutputCaptureExtension.class })
class TopicReplicationIntegrationTests {

	private static KafkaCluster cluster;

	@BeforeAll
	static void useTheSharedCluster(KafkaCluster shared) {
		cluster = shared;
	}

	@Test
	void startsOnASingleBrokerWithSingleReplicaTopicsAndSaysOnceThatItsStopIsExposed(EmbeddedStack stack,
			CapturedOutput output) throws Exception {
		RelayRunner relay = RelayRunner.of(stack, OutboxDatabase.create(stack, "single_broker"), Delivery.EXACTLY_ONCE);
		createTopic(stack.bootstrapServers(), relay.topicPrefix() + "order", 1);

		try (ConfigurableApplicationContext running = relay.start()) {
			assertThat(running.isRunning()).isTrue();
			assertThat(replicationFactor(stack.bootstrapServers(), relay.offsetsTopic())).isEqualTo(1);
			assertThat(output.getOut()).containsOnlyOnce("Kafka has a single broker")
				.doesNotContain("replication-check=WARN");
		}
	}

	@Test
	void refusesASingleReplicaOutboxTopicOnThreeBrokersNamingItKafka20734AndTheFix(EmbeddedStack stack)
			throws Exception {
		RelayRunner relay = RelayRunner.of(stack, OutboxDatabase.create(stack, "refused"), Delivery.EXACTLY_ONCE);
		createTopic(cluster.bootstrapServers(), relay.topicPrefix() + "order", 1);
		createTopic(cluster.bootstrapServers(), relay.topicPrefix() + "stock", 3);

		assertThatThrownBy(() -> relay.start(onCluster())).satisfies((ex) -> assertThat(preflightMessage(ex))
			.startsWith("Kafka has 3 brokers, but topics the relay writes in transactions have a single replica: '"
					+ relay.topicPrefix() + "order' (replication factor 1).")
			.contains("KAFKA-20734")
			.contains("Raise each topic's replication factor to 3 with kafka-reassign-partitions")
			.contains("waybill.relay.replication-check=WARN")
			.doesNotContain(relay.topicPrefix() + "stock")
			.doesNotContain(relay.offsetsTopic()));
	}

	@Test
	void startsWithASingleReplicaOutboxTopicOnThreeBrokersWhenTheSettingSaysWarn(EmbeddedStack stack,
			CapturedOutput output) throws Exception {
		RelayRunner relay = RelayRunner.of(stack, OutboxDatabase.create(stack, "warned"), Delivery.EXACTLY_ONCE);
		createTopic(cluster.bootstrapServers(), relay.topicPrefix() + "order", 1);

		try (ConfigurableApplicationContext running = relay.start(onCluster(),
				"waybill.relay.replication-check=WARN")) {
			assertThat(running.isRunning()).isTrue();
			assertThat(output.getOut())
				.containsOnlyOnce(
						"Kafka has 3 brokers, but topics the relay writes in transactions have a single replica: '"
								+ relay.topicPrefix() + "order' (replication factor 1).")
				.contains("starting anyway, as waybill.relay.replication-check=WARN");
		}
	}

	@Test
	void createsItsOffsetsTopicOnThreeBrokersWithThreeReplicasAndTwoInSyncWhereTheBrokersAcceptOne(EmbeddedStack stack,
			CapturedOutput output) throws Exception {
		RelayRunner relay = RelayRunner.of(stack, OutboxDatabase.create(stack, "replicated"), Delivery.EXACTLY_ONCE);
		setBrokersMinInsyncReplicas("1");
		try (ConfigurableApplicationContext running = relay.start(onCluster())) {
			assertThat(replicationFactor(cluster.bootstrapServers(), relay.offsetsTopic())).isEqualTo(3);
			assertThat(minInsyncReplicas(cluster.bootstrapServers(), relay.offsetsTopic())).isEqualTo(2);
			assertThat(output.getOut()).doesNotContain("KAFKA-20734");
		}
		finally {
			setBrokersMinInsyncReplicas("2");
		}
	}

	// a cluster-wide dynamic default for every broker; with eligible leader replicas on,
	// Kafka refuses to delete it again, so the test sets it back to the cluster's 2
	private static void setBrokersMinInsyncReplicas(String value) throws Exception {
		ConfigResource allBrokers = new ConfigResource(ConfigResource.Type.BROKER, "");
		AlterConfigOp minInsync = new AlterConfigOp(new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, value),
				OpType.SET);
		try (Admin admin = admin(cluster.bootstrapServers())) {
			admin.incrementalAlterConfigs(Map.of(allBrokers, List.of(minInsync))).all().get();
			for (Node node : admin.describeCluster().nodes().get()) {
				ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(admin.describeConfigs(List.of(broker))
						.all()
						.get()
						.get(broker)
						.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
						.value()).isEqualTo(value));
			}
		}
	}

	private static String onCluster() {
		return "spring.kafka.bootstrap-servers=" + cluster.bootstrapServers();
	}

	private static String preflightMessage(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof PreflightException preflight) {
				return String.valueOf(preflight.getMessage());
			}
		}
		throw new AssertionError("No PreflightException in the causes of " + thrown, thrown);
	}

	static void createTopic(String bootstrapServers, String topic, int replicationFactor) throws Exception {
		try (Admin admin = admin(bootstrapServers)) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) replicationFactor))).all().get();
		}
	}

	static int replicationFactor(String bootstrapServers, String topic) throws Exception {
		try (Admin admin = admin(bootstrapServers)) {
			return admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.get(0)
				.replicas()
				.size();
		}
	}

	static int minInsyncReplicas(String bootstrapServers, String topic)
			throws ExecutionException, InterruptedException {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		try (Admin admin = admin(bootstrapServers)) {
			return Integer.parseInt(admin.describeConfigs(List.of(resource))
				.all()
				.get()
				.get(resource)
				.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
				.value());
		}
	}

	private static Admin admin(String bootstrapServers) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

}
