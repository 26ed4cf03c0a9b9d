package dev.waybill.relay.offsets;

import java.util.Map;

import dev.waybill.relay.offsets.OffsetsTopic.Cluster;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetsTopicTests {

	@Test
	void isCreatedWithTheClusterDefaultReplicationFactorAndTwoInSyncReplicasFromThreeReplicasOn() {
		NewTopic topic = OffsetsTopic.definition("offsets", new Cluster(5, 3, 1));

		assertThat(topic.numPartitions()).isEqualTo(1);
		assertThat(topic.replicationFactor()).isEqualTo((short) 3);
		assertThat(topic.configs())
			.containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
	}

	@Test
	void capsTheDefaultReplicationFactorAtTheNumberOfBrokers() {
		NewTopic topic = OffsetsTopic.definition("offsets", new Cluster(1, 3, 1));

		assertThat(topic.replicationFactor()).isEqualTo((short) 1);
		assertThat(topic.configs()).containsExactlyEntriesOf(Map.of("cleanup.policy", "compact"));
	}

	@Test
	void keepsTheBrokersMinInsyncReplicasBelowThreeReplicasAndWhereItIsAlreadyTwoOrMore() {
		assertThat(OffsetsTopic.definition("offsets", new Cluster(2, 3, 1)).configs())
			.doesNotContainKey("min.insync.replicas");
		assertThat(OffsetsTopic.definition("offsets", new Cluster(3, 3, 3)).configs())
			.doesNotContainKey("min.insync.replicas");
	}

	@Test
	void leavesTheReplicationFactorToTheBrokerWhenItsDefaultCannotBeRead() {
		NewTopic topic = OffsetsTopic.definition("offsets", new Cluster(3, 0, 0));

		assertThat(topic.replicationFactor()).isEqualTo((short) -1);
		assertThat(topic.configs()).containsExactlyEntriesOf(Map.of("cleanup.policy", "compact"));
	}

}
