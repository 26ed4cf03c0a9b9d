package dev.waybill.stack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of one combined broker and controller node.
 */
final class BrokerProperties {

	private BrokerProperties() {
	}

	static Properties of(int nodeId, int port, KafkaQuorum quorum, Path logDirectory) {
		int controllerPort = quorum.voter(nodeId).port();
		int replicas = quorum.replicationFactor();
		int minInsync = quorum.minInsyncReplicas();
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(nodeId));
		properties.put("controller.quorum.voters", quorum.controllerQuorumVoters());
		properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("log.dirs", logDirectory.toAbsolutePath().toString());
		properties.put("num.partitions", "3");
		properties.put("default.replication.factor", Integer.toString(replicas));
		properties.put("offsets.topic.replication.factor", Integer.toString(replicas));
		properties.put("offsets.topic.num.partitions", "5");
		properties.put("transaction.state.log.replication.factor", Integer.toString(replicas));
		properties.put("transaction.state.log.min.isr", Integer.toString(minInsync));
		properties.put("transaction.state.log.num.partitions", "5");
		properties.put("min.insync.replicas", Integer.toString(minInsync));
		// Kafka's default, stated: a replica outside the ISR must never become leader, or
		// acknowledged (and committed) records could be lost
		properties.put("unclean.leader.election.enable", "false");
		properties.put("group.initial.rebalance.delay.ms", "0");
		properties.put("auto.create.topics.enable", "true");
		properties.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
		properties.put("transaction.max.timeout.ms", "900000");
		return properties;
	}

}
