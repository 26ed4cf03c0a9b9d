package dev.waybill.relay.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayProperties.ReplicationCheck;
import dev.waybill.relay.kafka.KafkaClients;
import dev.waybill.relay.offsets.OffsetsTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at startup that one broker's stop cannot leave a topic the relay writes in
 * transactions without a leader: Kafka 4.3 and 4.4 then skip the partition's commit
 * markers (KAFKA-20734), and a batch the relay republished after a restart is read twice.
 * A single replica loses its leader whenever its broker stops; with three replicas and
 * {@code min.insync.replicas} 2 the leadership moves to another in-sync replica at once.
 *
 * <p>
 * The topics checked are the offsets topic, the dead-letter topic and the outbox topics
 * (the topic prefix followed by anything) that exist. On more than one broker a
 * single-replica topic stops startup, or logs with {@code replication-check=WARN}. Three
 * replicas with {@code min.insync.replicas} 1 (Kafka's default) only log: a second fault
 * must first shrink the in-sync replicas to the leader. At-least-once delivery writes no
 * transactions: nothing is checked.
 */
final class TopicReplication {

	private static final Logger log = LoggerFactory.getLogger(TopicReplication.class);

	private static final long TIMEOUT_SECONDS = 30;

	private static final String SINGLE_BROKER = "Kafka has a single broker, so every topic has one replica: when it"
			+ " stops with a transaction in flight, Kafka 4.3 and 4.4 can skip the transaction's commit markers"
			+ " (KAFKA-20734) and consumers read a batch twice; stop the relay, or let it go idle, first";

	private TopicReplication() {
	}

	static void check(RelayProperties relay, KafkaClients clients) {
		if (relay.delivery() != Delivery.EXACTLY_ONCE) {
			return;
		}
		Verdict verdict = read(relay, clients);
		verdict.warnings().forEach(log::warn);
		String refusal = verdict.refusal();
		if (refusal != null) {
			throw new PreflightException(refusal);
		}
	}

	private static Verdict read(RelayProperties relay, KafkaClients clients) {
		try (Admin admin = Admin.create(clients.admin())) {
			int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
			return judge(brokers, describe(admin, written(admin, relay)), relay.replicationCheck());
		}
		catch (ExecutionException | TimeoutException ex) {
			String problem = "Cannot read the replication of the topics the relay writes (KAFKA-20734 check): "
					+ ((ex.getCause() != null) ? ex.getCause() : ex)
					+ "; grant the relay Describe and DescribeConfigs on them";
			if (relay.replicationCheck() == ReplicationCheck.REFUSE) {
				return new Verdict(problem + ", or set waybill.relay.replication-check=WARN", List.of());
			}
			return new Verdict(null, List.of(problem + "; starting anyway, as waybill.relay.replication-check=WARN"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PreflightException("Interrupted while reading the replication of the relay's topics", ex);
		}
	}

	/**
	 * @param brokers how many brokers the cluster has
	 * @param topics the topics the relay writes
	 * @param setting what to do with a topic that a broker's stop leaves without a leader
	 * @return the refusal, if startup must stop, and the lines to log
	 */
	static Verdict judge(int brokers, List<Topic> topics, ReplicationCheck setting) {
		if (brokers <= 1) {
			return new Verdict(null, List.of(SINGLE_BROKER));
		}
		List<String> warnings = new ArrayList<>();
		String refusal = null;
		List<Topic> single = topics.stream().filter((topic) -> topic.replicationFactor() < 2).toList();
		if (!single.isEmpty()) {
			String exposure = exposure(brokers, single);
			if (setting == ReplicationCheck.REFUSE) {
				refusal = exposure + "; or set waybill.relay.replication-check=WARN to start anyway";
			}
			else {
				warnings.add(exposure + "; starting anyway, as waybill.relay.replication-check=WARN");
			}
		}
		List<Topic> weak = topics.stream()
			.filter((topic) -> topic.replicationFactor() >= 3 && topic.minInsyncReplicas() < 2)
			.toList();
		if (!weak.isEmpty()) {
			warnings.add(weakness(weak));
		}
		return new Verdict(refusal, warnings);
	}

	private static String exposure(int brokers, List<Topic> single) {
		int target = Math.min(3, brokers);
		return "Kafka has " + brokers + " brokers, but topics the relay writes in transactions have a single replica: "
				+ list(single, false) + ". When such a topic's broker stops, its partitions have no leader, and Kafka"
				+ " 4.3 and 4.4 can then skip the commit markers of a transaction in flight on them (KAFKA-20734), so that"
				+ " consumers read a batch twice. Raise each topic's replication factor to " + target
				+ " with kafka-reassign-partitions" + ((target >= 3) ? " and set its min.insync.replicas=2" : "")
				+ ", and set the brokers' default.replication.factor=" + target
				+ " for the outbox topics created later";
	}

	private static String weakness(List<Topic> weak) {
		return "Topics the relay writes in transactions accept writes to a single in-sync replica: " + list(weak, true)
				+ ". Once their in-sync replicas shrink to the leader, its stop leaves the partition without a leader,"
				+ " where Kafka 4.3 and 4.4 can skip a transaction's commit markers (KAFKA-20734): set"
				+ " min.insync.replicas=2 on them with kafka-configs --alter --add-config";
	}

	private static String list(List<Topic> topics, boolean withMinInsyncReplicas) {
		return topics.stream()
			.map((topic) -> "'" + topic.name() + "' (replication factor " + topic.replicationFactor()
					+ (withMinInsyncReplicas ? ", min.insync.replicas " + topic.minInsyncReplicas() : "") + ")")
			.collect(Collectors.joining(", "));
	}

	private static Set<String> written(Admin admin, RelayProperties relay)
			throws ExecutionException, InterruptedException, TimeoutException {
		return admin.listTopics()
			.names()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.stream()
			.filter((topic) -> topic.startsWith(relay.topicPrefix()) || topic.equals(relay.deadLetterTopic())
					|| topic.equals(relay.offsetsTopic()))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static List<Topic> describe(Admin admin, Collection<String> names)
			throws ExecutionException, InterruptedException, TimeoutException {
		Map<String, TopicDescription> descriptions = admin.describeTopics(names)
			.allTopicNames()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		List<ConfigResource> resources = names.stream()
			.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
			.toList();
		Map<ConfigResource, Config> configs = admin.describeConfigs(resources)
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		return resources.stream()
			.map((resource) -> new Topic(resource.name(), replicationFactor(descriptions.get(resource.name())),
					OffsetsTopic.Cluster.intValue(configs.get(resource), TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, 1)))
			.toList();
	}

	// the smallest of the topic's partitions: a reassignment may be half done
	private static int replicationFactor(@Nullable TopicDescription description) {
		return (description != null)
				? description.partitions().stream().mapToInt((partition) -> partition.replicas().size()).min().orElse(0)
				: 0;
	}

	/**
	 * One topic the relay writes.
	 *
	 * @param name the topic
	 * @param replicationFactor the fewest replicas of any of its partitions
	 * @param minInsyncReplicas its {@code min.insync.replicas}
	 */
	record Topic(String name, int replicationFactor, int minInsyncReplicas) {

	}

	/**
	 * What startup does about the topics.
	 *
	 * @param refusal why the relay must not start, naming each topic and the fix
	 * @param warnings what to log
	 */
	record Verdict(@Nullable String refusal, List<String> warnings) {

	}

}
