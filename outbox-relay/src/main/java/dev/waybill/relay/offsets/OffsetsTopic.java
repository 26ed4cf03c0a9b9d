package dev.waybill.relay.offsets;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.waybill.relay.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The offsets topic, where every source's position is written in the Kafka transaction of
 * the batch it follows: created when missing (one partition, compacted, so that the last
 * position per source is kept forever and read back quickly, replicated as the cluster's
 * default says), and read back so that only positions of committed batches count
 * ({@link #committedPositions()}).
 *
 * @param clients the settings of the Kafka clients that create and read it
 * @param name the topic's name
 * @param transactionTimeout the longest a transaction on the topic may stay open, which
 * bounds the wait for one to end while reading
 */
public record OffsetsTopic(KafkaClients clients, String name, Duration transactionTimeout) {

	private static final long TIMEOUT_SECONDS = 30;

	private static final ObjectMapper MAPPER = new ObjectMapper();

	/**
	 * Creates the topic unless it exists.
	 * @throws IllegalStateException when it cannot be created, naming the fix
	 */
	public void ensure() {
		String topic = this.name;
		try (Admin admin = Admin.create(this.clients.admin())) {
			NewTopic compacted = definition(topic, Cluster.read(admin));
			admin.createTopics(List.of(compacted)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Cannot create the offsets topic '" + topic + "': "
						+ String.valueOf(ex.getCause()) + "; create it with cleanup.policy=compact", ex);
			}
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Creating the offsets topic '" + topic + "' timed out", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the offsets topic '" + topic + "'", ex);
		}
	}

	/**
	 * Reads the topic as it stands once every transaction open on it has ended.
	 * @return the last committed value of each key
	 * @throws IllegalStateException when the topic cannot be read to its end in time
	 */
	public Map<ByteBuffer, ByteBuffer> committedPositions() {
		return CommittedPositions.read(this);
	}

	/**
	 * @param key the position's key
	 * @return the last committed value of the key, as JSON, {@code null} when there is
	 * none
	 * @throws IllegalStateException when the topic cannot be read in time or the value is
	 * not JSON
	 */
	public @Nullable JsonNode committedPosition(byte[] key) {
		ByteBuffer value = committedPositions().get(ByteBuffer.wrap(key));
		if (value == null) {
			return null;
		}
		try {
			return MAPPER.readTree(value.array(), value.arrayOffset() + value.position(), value.remaining());
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("A position in " + this.name + " is not JSON", ex);
		}
	}

	/**
	 * The topic as the relay creates it: replicated as the cluster's
	 * {@code default.replication.factor} says, on no more replicas than there are brokers
	 * (the broker would refuse more), and, from three replicas on, written to at least
	 * two ({@code min.insync.replicas}), so that a transaction's records and markers on
	 * it survive one broker's stop. Two replicas keep the broker's
	 * {@code min.insync.replicas}: requiring both would stop every commit while one
	 * broker restarts.
	 * @param topic the topic's name
	 * @param cluster the brokers and their defaults
	 * @return the topic to create
	 */
	public static NewTopic definition(String topic, Cluster cluster) {
		Map<String, String> configs = new HashMap<>();
		configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
		if (cluster.defaultReplicationFactor() < 1 || cluster.brokers() < 1) {
			return new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs);
		}
		short replicationFactor = (short) Math.min(cluster.defaultReplicationFactor(), cluster.brokers());
		if (replicationFactor >= 3 && cluster.minInsyncReplicas() < 2) {
			configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
		}
		return new NewTopic(topic, Optional.of(1), Optional.of(replicationFactor)).configs(configs);
	}

	/**
	 * The brokers, as the relay's admin client sees them.
	 *
	 * @param brokers how many brokers are registered and not fenced
	 * @param defaultReplicationFactor a broker's {@code default.replication.factor}, or 0
	 * when the relay may not read the broker's configuration
	 * @param minInsyncReplicas that broker's {@code min.insync.replicas}
	 */
	public record Cluster(int brokers, int defaultReplicationFactor, int minInsyncReplicas) {

		/**
		 * @param admin an admin client of the cluster
		 * @return the brokers and their defaults
		 */
		public static Cluster read(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
			Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (nodes.isEmpty()) {
				return new Cluster(0, 0, 0);
			}
			ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
			try {
				Config config = admin.describeConfigs(List.of(broker))
					.all()
					.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
					.get(broker);
				return new Cluster(nodes.size(), intValue(config, "default.replication.factor", 0),
						intValue(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, 0));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof AuthorizationException)) {
					throw ex;
				}
				// may not read it: the broker applies its own default
				return new Cluster(nodes.size(), 0, 0);
			}
		}

		/**
		 * @param config a broker's or a topic's configuration, if it was read
		 * @param name an integer setting
		 * @param fallback the value when the configuration or the setting is missing
		 * @return the setting's value
		 */
		public static int intValue(@Nullable Config config, String name, int fallback) {
			ConfigEntry entry = (config != null) ? config.get(name) : null;
			return (entry != null && entry.value() != null) ? Integer.parseInt(entry.value()) : fallback;
		}

	}

}
