package dev.waybill.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import dev.waybill.stack.StackLauncher.ClusterNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackLauncherTests {

	private static final String QUORUM = "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097";

	private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qg";

	@Test
	void defaultsToTheDemoPorts() {
		StackSettings settings = StackLauncher.parse(new String[0]);
		assertThat(settings.postgresPort()).isEqualTo(5433);
		assertThat(settings.kafkaPort()).isEqualTo(9092);
		assertThat(settings.directory()).isEqualTo(Path.of("run/stack"));
	}

	@Test
	void readsEveryOption() {
		StackSettings settings = StackLauncher
			.parse(new String[] { "--dir=/tmp/s", "--postgres-port=1", "--kafka-port=2", "--controller-port=3" });
		assertThat(settings).isEqualTo(new StackSettings(Path.of("/tmp/s"), 1, 2, 3));
	}

	@Test
	void rejectsAnUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> StackLauncher.parse(new String[] { "--colour=red" }))
			.withMessageContaining("--colour");
	}

	@Test
	void runsBothServersUnlessToldOtherwise() {
		assertThat(StackLauncher.servers(StackLauncher.options(new String[0]))).containsExactly("postgres", "kafka");
		assertThat(StackLauncher.servers(StackLauncher.options(new String[] { "--servers=kafka" })))
			.containsExactly("kafka");
	}

	@Test
	void readsADatabaseAndItsRoleForEachOfOnesOwnServices() {
		assertThat(StackLauncher.databases(Map.of("databases", "shipping, billing"), Set.of("postgres", "kafka")))
			.containsExactly(new ServiceDatabase("shipping", "shipping", "shipping"),
					new ServiceDatabase("billing", "billing", "billing"));
		assertThat(StackLauncher.databases(Map.of(), Set.of("postgres"))).isEmpty();
	}

	@Test
	void refusesADatabaseNameThatWouldNeedQuotingOrAServerWithoutPostgres() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackLauncher.databases(Map.of("databases", "Shipping"), Set.of("postgres")))
			.withMessageContaining("got 'Shipping'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackLauncher.databases(Map.of("databases", "x; DROP"), Set.of("postgres")))
			.withMessageContaining("lower-case letters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackLauncher.databases(Map.of("databases", "shipping"), Set.of("kafka")))
			.withMessage("--databases needs PostgreSQL: add postgres to --servers");
	}

	@Test
	void rejectsAnUnknownServer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackLauncher.servers(StackLauncher.options(new String[] { "--servers=redis" })))
			.withMessageContaining("redis");
	}

	@Test
	void rejectsAPortThatIsNotANumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackLauncher.parse(new String[] { "--kafka-port=ninety" }))
			.withMessageContaining("--kafka-port");
	}

	@Test
	void readsTheOptionsOfOneNodeOfACluster() {
		Map<String, String> options = StackLauncher.options(new String[] { "--servers=kafka", "--node-id=2",
				"--quorum=" + QUORUM, "--cluster-id=" + CLUSTER_ID, "--kafka-port=9094", "--controller-port=9095" });
		ClusterNode node = StackLauncher.clusterNode(options, StackLauncher.servers(options)).orElseThrow();
		assertThat(node.nodeId()).isEqualTo(2);
		assertThat(node.quorum().controllerQuorumVoters()).isEqualTo(QUORUM);
		assertThat(node.quorum().clusterId()).isEqualTo(CLUSTER_ID);
		assertThat(node.quorum().voter(2).port()).isEqualTo(9095);
	}

	@Test
	void runsAStackOfItsOwnWithoutTheNodeOptions() {
		Map<String, String> options = StackLauncher.options(new String[] { "--servers=kafka" });
		assertThat(StackLauncher.clusterNode(options, StackLauncher.servers(options))).isEmpty();
	}

	@Test
	void keepsTheLogsOfEachNodeInADirectoryOfItsOwn() {
		StackSettings settings = StackLauncher.parse(new String[] { "--dir=/tmp/s" });
		assertThat(settings.kafkaDirectory()).isEqualTo(Path.of("/tmp/s/kafka"));
		assertThat(settings.kafkaDirectory(2)).isEqualTo(Path.of("/tmp/s/kafka-2"));
	}

	@Test
	void needsTheThreeNodeOptionsTogether() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> node("--servers=kafka", "--node-id=2", "--cluster-id=" + CLUSTER_ID))
			.withMessageContaining("--node-id, --quorum and --cluster-id together")
			.withMessageContaining("[--cluster-id, --node-id]");
	}

	@Test
	void runsANodeOfAClusterWithoutPostgres() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> node("--node-id=2", "--quorum=" + QUORUM, "--cluster-id=" + CLUSTER_ID))
			.withMessageContaining("--servers=kafka");
	}

	@Test
	void rejectsANodeThatIsNotInTheQuorum() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> node("--servers=kafka", "--node-id=4", "--quorum=" + QUORUM, "--cluster-id=" + CLUSTER_ID))
			.withMessageContaining("Node id 4 is not in the quorum " + QUORUM);
	}

	@Test
	void rejectsAControllerPortThatContradictsTheQuorum() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> node("--servers=kafka", "--node-id=2", "--quorum=" + QUORUM, "--cluster-id=" + CLUSTER_ID,
					"--controller-port=9093"))
			.withMessageContaining("--controller-port=9093 contradicts the quorum")
			.withMessageContaining("on 9095");
	}

	@Test
	void rejectsAQuorumThatIsNotOne() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> node("--servers=kafka", "--node-id=1", "--quorum=127.0.0.1:9093", "--cluster-id=" + CLUSTER_ID))
			.withMessageContaining("id@host:port")
			.withMessageContaining("'127.0.0.1:9093'");
	}

	@Test
	void rejectsAClusterIdThatKafkaWouldNotFormatWith() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> node("--servers=kafka", "--node-id=1", "--quorum=" + QUORUM, "--cluster-id=my-cluster"))
			.withMessageContaining("22 characters of URL-safe base64")
			.withMessageContaining("'my-cluster'");
	}

	@Test
	void rejectsANodeIdThatIsNotANumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> node("--servers=kafka", "--node-id=two", "--quorum=" + QUORUM, "--cluster-id=" + CLUSTER_ID))
			.withMessageContaining("--node-id must be a number");
	}

	private static java.util.Optional<ClusterNode> node(String... args) {
		Map<String, String> options = StackLauncher.options(args);
		return StackLauncher.clusterNode(options, StackLauncher.servers(options));
	}

}
