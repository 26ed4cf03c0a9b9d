package dev.waybill.stack;

import java.util.List;

import dev.waybill.stack.KafkaQuorum.Voter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KafkaQuorumTests {

	private static final String CLUSTER_ID = KafkaQuorum.newClusterId();

	@Test
	void readsAndWritesTheVotersAsKafkaDoes() {
		String voters = "1@127.0.0.1:9093,2@127.0.0.1:9095,3@localhost:9097";
		KafkaQuorum quorum = KafkaQuorum.parse(voters, CLUSTER_ID);
		assertThat(quorum.voters()).containsExactly(new Voter(1, "127.0.0.1", 9093), new Voter(2, "127.0.0.1", 9095),
				new Voter(3, "localhost", 9097));
		assertThat(quorum.controllerQuorumVoters()).isEqualTo(voters);
	}

	@Test
	void numbersLocalNodesFromOne() {
		assertThat(KafkaQuorum.local(CLUSTER_ID, 9093, 9095).controllerQuorumVoters())
			.isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9095");
	}

	@Test
	void replicatesThreeTimesWithTwoInSyncFromThreeNodesOn() {
		assertThat(List.of(1, 2, 3, 5).stream().map(this::quorumOf).map(KafkaQuorum::replicationFactor))
			.containsExactly(1, 2, 3, 3);
		assertThat(List.of(1, 2, 3, 5).stream().map(this::quorumOf).map(KafkaQuorum::minInsyncReplicas))
			.containsExactly(1, 1, 2, 2);
	}

	@Test
	void rejectsANodeIdGivenTwice() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KafkaQuorum.parse("1@127.0.0.1:9093,1@127.0.0.1:9095", CLUSTER_ID))
			.withMessageContaining("Node id 1 appears twice");
	}

	@Test
	void rejectsAControllerPortOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> KafkaQuorum.parse("1@127.0.0.1:0", CLUSTER_ID))
			.withMessageContaining("controller port of node 1");
	}

	@Test
	void newClusterIdsAreValidAndDiffer() {
		String other = KafkaQuorum.newClusterId();
		assertThat(other).isNotEqualTo(CLUSTER_ID).hasSize(22);
		assertThat(KafkaQuorum.local(other, 9093).clusterId()).isEqualTo(other);
	}

	private KafkaQuorum quorumOf(int size) {
		int[] ports = new int[size];
		for (int i = 0; i < size; i++) {
			ports[i] = 9093 + 2 * i;
		}
		return KafkaQuorum.local(CLUSTER_ID, ports);
	}

}
