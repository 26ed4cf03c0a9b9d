package dev.waybill.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Whether a cluster is fully in sync, read through the Admin client: every broker is
 * registered, every partition (Kafka's internal ones included) has a leader, and every
 * replica is in the partition's ISR.
 *
 * <p>
 * A fault test waits for this between broker faults, as Kafka's own system tests do after
 * each bounce: a broker stopped before the previous one has caught up again could take
 * down the last in-sync replica of a partition.
 */
public final class FullReplication {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private final String bootstrapServers;

	private final int brokers;

	/**
	 * @param bootstrapServers the cluster's {@code bootstrap.servers}
	 * @param brokers how many brokers the cluster has when all are up
	 */
	public FullReplication(String bootstrapServers, int brokers) {
		if (brokers < 1) {
			throw new IllegalArgumentException("A cluster has at least one broker, not " + brokers);
		}
		this.bootstrapServers = bootstrapServers;
		this.brokers = brokers;
	}

	/**
	 * What stands between the cluster and full replication now.
	 * @return one line per gap (a missing broker, a partition without a leader, an
	 * under-replicated partition), empty when the cluster is fully in sync
	 */
	public List<String> gaps() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis()))) {
			List<String> gaps = new ArrayList<>();
			Collection<Node> nodes = admin.describeCluster()
				.nodes()
				.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (nodes.size() < this.brokers) {
				gaps.add(nodes.size() + " of " + this.brokers + " brokers registered: " + nodes);
			}
			for (TopicDescription topic : topics(admin)) {
				for (TopicPartitionInfo partition : topic.partitions()) {
					gaps.addAll(gaps(topic.name(), partition));
				}
			}
			return gaps;
		}
		catch (ExecutionException | TimeoutException ex) {
			return List.of("the cluster did not answer: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing the cluster", ex);
		}
	}

	/**
	 * Waits until the cluster is fully in sync.
	 * @param timeout how long to wait
	 * @return how long it took
	 * @throws IllegalStateException naming what is still out of sync when the time is up
	 */
	public Duration await(Duration timeout) {
		Instant start = Instant.now();
		Instant deadline = start.plus(timeout);
		List<String> gaps = gaps();
		while (!gaps.isEmpty()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The cluster at " + this.bootstrapServers
						+ " was not fully in sync after " + timeout + ": " + String.join("; ", gaps));
			}
			pause();
			gaps = gaps();
		}
		return Duration.between(start, Instant.now());
	}

	private static Collection<TopicDescription> topics(Admin admin)
			throws InterruptedException, ExecutionException, TimeoutException {
		Collection<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true))
			.names()
			.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return admin.describeTopics(names)
			.allTopicNames()
			.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.values();
	}

	private static List<String> gaps(String topic, TopicPartitionInfo partition) {
		String name = topic + "-" + partition.partition();
		Node leader = partition.leader();
		if (leader == null || leader.isEmpty()) {
			return List.of(name + " has no leader");
		}
		if (partition.isr().size() < partition.replicas().size()) {
			return List.of(name + " is under-replicated: ISR " + ids(partition.isr()) + " of replicas "
					+ ids(partition.replicas()));
		}
		return List.of();
	}

	private static List<Integer> ids(List<Node> nodes) {
		return nodes.stream().map(Node::id).toList();
	}

	private static void pause() {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the cluster", ex);
		}
	}

}
