package dev.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * A Kafka cluster of combined broker and controller nodes in this JVM, on free loopback
 * ports, for tests that stop and start one node while the others carry on.
 *
 * <p>
 * From three nodes on it is replicated as in production (see {@link KafkaBroker}). A node
 * can be stopped (a controlled shutdown) and started again on its log directory; it
 * cannot be killed here, since a kill of one node would be a kill of the JVM that runs
 * them all: the demo runs each node as a process of its own for that.
 */
public final class KafkaCluster implements AutoCloseable {

	private final List<KafkaBroker> nodes;

	private final Path directory;

	/**
	 * Creates a cluster that is not started yet, on free ports.
	 * @param size how many nodes
	 * @param directory the parent of the nodes' log directories ({@code kafka-1},
	 * {@code kafka-2}...)
	 */
	public KafkaCluster(int size, Path directory) {
		if (size < 1) {
			throw new IllegalArgumentException("A cluster has at least one node, not " + size);
		}
		int[] ports = FreePorts.take(2 * size);
		int[] controllerPorts = new int[size];
		System.arraycopy(ports, size, controllerPorts, 0, size);
		KafkaQuorum quorum = KafkaQuorum.local(KafkaQuorum.newClusterId(), controllerPorts);
		List<KafkaBroker> nodes = new ArrayList<>();
		for (int id = 1; id <= size; id++) {
			nodes.add(new KafkaBroker(id, ports[id - 1], quorum, directory.resolve("kafka-" + id)));
		}
		this.nodes = List.copyOf(nodes);
		this.directory = directory;
	}

	/**
	 * A cluster in a new temporary directory.
	 * @param size how many nodes
	 * @return the cluster, not started yet
	 */
	public static KafkaCluster ephemeral(int size) {
		try {
			return new KafkaCluster(size, Files.createTempDirectory("waybill-kafka-cluster"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts every node that is not running, side by side: a node's start waits for a
	 * majority of the quorum, so one at a time would never finish.
	 * @return this cluster
	 */
	public KafkaCluster start() {
		List<CompletableFuture<KafkaBroker>> starts = this.nodes.stream()
			.map((node) -> CompletableFuture.supplyAsync(node::start,
					(task) -> new Thread(task, "kafka-node-" + node.nodeId() + "-start").start()))
			.toList();
		try {
			CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException ex) {
			close();
			throw new IllegalStateException("The Kafka cluster did not start", ex.getCause());
		}
		return this;
	}

	/**
	 * @param nodeId a node id, from 1
	 * @return that node, to stop, start or restart it
	 */
	public KafkaBroker node(int nodeId) {
		if (nodeId < 1 || nodeId > this.nodes.size()) {
			throw new IllegalArgumentException("The cluster has nodes 1 to " + this.nodes.size() + ", not " + nodeId);
		}
		return this.nodes.get(nodeId - 1);
	}

	/**
	 * @return every node, in node id order
	 */
	public List<KafkaBroker> nodes() {
		return this.nodes;
	}

	/**
	 * @return the quorum: voters and cluster id
	 */
	public KafkaQuorum quorum() {
		return this.nodes.get(0).quorum();
	}

	/**
	 * @return the {@code bootstrap.servers} value for clients, listing every node
	 */
	public String bootstrapServers() {
		return this.nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	/**
	 * Waits until every node is registered, every partition has a leader and every
	 * replica is in sync.
	 * @param timeout how long to wait
	 * @return how long it took
	 * @throws IllegalStateException naming what is still out of sync when the time is up
	 */
	public Duration awaitFullyReplicated(Duration timeout) {
		return new FullReplication(bootstrapServers(), this.nodes.size()).await(timeout);
	}

	/**
	 * Waits until the cluster commits a transaction, then until it is fully replicated: a
	 * cluster that has just started creates its transaction coordinators' topic with the
	 * first transaction and loads it on every node meanwhile.
	 * @param timeout how long to wait for each
	 * @return this cluster
	 * @throws IllegalStateException with the last failure when the time is up
	 */
	public KafkaCluster awaitTransactions(Duration timeout) {
		new TransactionReadiness(bootstrapServers()).await(timeout);
		awaitFullyReplicated(timeout);
		return this;
	}

	/**
	 * @return the parent of the nodes' log directories
	 */
	public Path directory() {
		return this.directory;
	}

	/** Stops every node; the log directories are kept. */
	@Override
	public void close() {
		// all at once: the last nodes of a quorum cannot finish a controlled shutdown
		// once a majority is gone, and would wait for it
		List<CompletableFuture<Void>> stops = this.nodes.stream()
			.map((node) -> CompletableFuture.runAsync(node::stop,
					(task) -> new Thread(task, "kafka-node-" + node.nodeId() + "-stop").start()))
			.toList();
		CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
	}

	/**
	 * Stops every node and deletes the log directories, for clusters that were only ever
	 * temporary.
	 */
	public void discard() {
		close();
		Directories.delete(this.directory);
	}

}
