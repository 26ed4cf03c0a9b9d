package dev.waybill.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * The static KRaft quorum of a cluster of combined broker and controller nodes, and the
 * cluster id every node is formatted with.
 *
 * <p>
 * Every node of a cluster takes part in the quorum (a voter): with three nodes, one node
 * stopped or restarted leaves two of three voters, still a majority, so the cluster keeps
 * its metadata moving while one node is down.
 *
 * @param clusterId the cluster id every node is formatted with, as
 * {@code kafka-storage.sh random-uuid} prints it
 * @param voters the nodes, each with its controller address
 */
public record KafkaQuorum(String clusterId, List<Voter> voters) {

	/**
	 * Validates the quorum.
	 */
	public KafkaQuorum {
		requireClusterId(clusterId);
		voters = List.copyOf(voters);
		if (voters.isEmpty()) {
			throw new IllegalArgumentException("A quorum needs at least one voter");
		}
		Set<Integer> ids = new HashSet<>();
		for (Voter voter : voters) {
			if (!ids.add(voter.nodeId())) {
				throw new IllegalArgumentException(
						"Node id " + voter.nodeId() + " appears twice in the quorum " + voters);
			}
		}
	}

	/**
	 * A quorum of nodes {@code 1..n} on loopback.
	 * @param clusterId the cluster id
	 * @param controllerPorts the controller port of node 1, 2 and so on
	 * @return the quorum
	 */
	public static KafkaQuorum local(String clusterId, int... controllerPorts) {
		List<Voter> voters = new ArrayList<>();
		for (int i = 0; i < controllerPorts.length; i++) {
			voters.add(new Voter(i + 1, "127.0.0.1", controllerPorts[i]));
		}
		return new KafkaQuorum(clusterId, voters);
	}

	/**
	 * Reads a quorum written as Kafka's {@code controller.quorum.voters} is.
	 * @param voters {@code id@host:port} entries separated by commas, e.g.
	 * {@code 1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097}
	 * @param clusterId the cluster id
	 * @return the quorum
	 */
	public static KafkaQuorum parse(String voters, String clusterId) {
		List<Voter> parsed = new ArrayList<>();
		for (String entry : voters.split(",", -1)) {
			parsed.add(Voter.parse(entry.trim()));
		}
		return new KafkaQuorum(clusterId, parsed);
	}

	/**
	 * @return a new random cluster id
	 */
	public static String newClusterId() {
		return Uuid.randomUuid().toString();
	}

	/**
	 * @param nodeId a node id
	 * @return that node's entry
	 * @throws IllegalArgumentException when the node is not a voter
	 */
	public Voter voter(int nodeId) {
		return this.voters.stream()
			.filter((voter) -> voter.nodeId() == nodeId)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Node id " + nodeId + " is not in the quorum " + controllerQuorumVoters()));
	}

	/**
	 * @return how many nodes the cluster has
	 */
	public int size() {
		return this.voters.size();
	}

	/**
	 * @return the value of Kafka's {@code controller.quorum.voters}
	 */
	public String controllerQuorumVoters() {
		return this.voters.stream().map(Voter::toString).collect(Collectors.joining(","));
	}

	/**
	 * @return the replication factor of new topics and of Kafka's internal topics: 3 from
	 * three nodes on, as in production, the number of nodes below that
	 */
	public int replicationFactor() {
		return Math.min(size(), 3);
	}

	/**
	 * @return {@code min.insync.replicas}: 2 from three nodes on, so that one node may be
	 * down while acknowledged writes still sit on two; 1 below that
	 */
	public int minInsyncReplicas() {
		return (size() >= 3) ? 2 : 1;
	}

	private static void requireClusterId(String clusterId) {
		try {
			Uuid.fromString(clusterId);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("A cluster id is 22 characters of URL-safe base64, as "
					+ "kafka-storage.sh random-uuid prints it; got '" + clusterId + "'", ex);
		}
	}

	/**
	 * One node of the quorum.
	 *
	 * @param nodeId the node id ({@code node.id})
	 * @param host the host of its controller listener
	 * @param port the port of its controller listener
	 */
	public record Voter(int nodeId, String host, int port) {

		/**
		 * Validates the entry.
		 */
		public Voter {
			if (nodeId < 0) {
				throw new IllegalArgumentException("A node id must not be negative, was " + nodeId);
			}
			if (host.isBlank()) {
				throw new IllegalArgumentException("Node " + nodeId + " needs a controller host");
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException(
						"The controller port of node " + nodeId + " must be between 1 and 65535, was " + port);
			}
		}

		static Voter parse(String entry) {
			int at = entry.indexOf('@');
			int colon = entry.lastIndexOf(':');
			if (at < 1 || colon < at + 2 || colon == entry.length() - 1) {
				throw new IllegalArgumentException(
						"A voter is written id@host:port, e.g. 1@127.0.0.1:9093; got '" + entry + "'");
			}
			try {
				return new Voter(Integer.parseInt(entry.substring(0, at)), entry.substring(at + 1, colon),
						Integer.parseInt(entry.substring(colon + 1)));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"A voter is written id@host:port with numbers for id and port; got '" + entry + "'", ex);
			}
		}

		@Override
		public String toString() {
			return this.nodeId + "@" + this.host + ":" + this.port;
		}

	}

}
