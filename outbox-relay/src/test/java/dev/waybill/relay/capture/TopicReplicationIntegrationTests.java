package dev.waybill.relay.capture;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replication check against real brokers: the shared single broker, where nothing can
 * be replicated, and a cluster of three.
 */
@ExtendWith({ EmbeddedStackExtension.class, OutputCaptureExtension.class })
class TopicReplicationIntegrationTests {

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
