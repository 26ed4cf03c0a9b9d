package dev.waybill.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;

/**
 * A real Kafka broker in KRaft mode, run in this JVM from the broker's own server
 * classes: either a cluster of its own (one combined broker and controller node), or one
 * node of a {@link KafkaQuorum}.
 *
 * <p>
 * Every node of a cluster is a combined broker and controller, and every node is a voter,
 * rather than brokers beside separate controllers: in the demo each node is one process,
 * and three processes are fewer JVMs than six on a two-core machine; and a stop, kill or
 * restart of one node leaves two of three voters, so the quorum keeps a majority. From
 * three nodes on, topics (internal ones included) are replicated three times with
 * {@code min.insync.replicas=2}, as in production: a node that stops hands its partitions
 * to another in-sync replica in the same metadata change, so no partition is left without
 * a leader.
 *
 * <p>
 * The log directory survives {@link #stop()}: {@link #start()} again resumes on the same
 * logs and cluster id, which is what restart tests need.
 */
public final class KafkaBroker implements AutoCloseable {

	private final int nodeId;

	private final int port;

	private final KafkaQuorum quorum;

	private final Path logDirectory;

	private final Map<String, String> overrides;

	private final @Nullable SaslSslListener saslSsl;

	private @Nullable KafkaRaftServer server;

	/**
	 * Creates a broker that is not started yet.
	 * @param port the client (PLAINTEXT) port on loopback
	 * @param controllerPort the KRaft controller port on loopback
	 * @param logDirectory where logs and metadata live; formatted on first start
	 */
	public KafkaBroker(int port, int controllerPort, Path logDirectory) {
		this(port, controllerPort, logDirectory, Map.of());
	}

	/**
	 * Creates a single broker that is not started yet, with some of its settings changed.
	 * @param port the client (PLAINTEXT) port on loopback
	 * @param controllerPort the KRaft controller port on loopback
	 * @param logDirectory where logs and metadata live; formatted on first start
	 * @param overrides broker properties that replace or add to this class's defaults
	 */
	public KafkaBroker(int port, int controllerPort, Path logDirectory, Map<String, String> overrides) {
		this(1, port, KafkaQuorum.local(KafkaQuorum.newClusterId(), controllerPort), logDirectory, overrides);
	}

	/**
	 * Creates one node of a cluster, not started yet. Its controller listens on the port
	 * the quorum gives it, on loopback.
	 * @param nodeId the node id, one of the quorum's voters
	 * @param port the client (PLAINTEXT) port on loopback
	 * @param quorum the cluster's voters and its cluster id, the same on every node
	 * @param logDirectory where this node's logs and metadata live; formatted with the
	 * quorum's cluster id on first start
	 * @throws IllegalArgumentException when the node is not a voter or its ports collide
	 */
	public KafkaBroker(int nodeId, int port, KafkaQuorum quorum, Path logDirectory) {
		this(nodeId, port, quorum, logDirectory, Map.of());
	}

	private KafkaBroker(int nodeId, int port, KafkaQuorum quorum, Path logDirectory, Map<String, String> overrides) {
		this(nodeId, port, quorum, logDirectory, overrides, null);
	}

	private KafkaBroker(int nodeId, int port, KafkaQuorum quorum, Path logDirectory, Map<String, String> overrides,
			@Nullable SaslSslListener saslSsl) {
		if (quorum.voter(nodeId).port() == port) {
			throw new IllegalArgumentException(
					"Node " + nodeId + " cannot take port " + port + " for both clients and its controller");
		}
		if (saslSsl != null && (saslSsl.port() == port || saslSsl.port() == quorum.voter(nodeId).port())) {
			throw new IllegalArgumentException("Node " + nodeId + " cannot take port " + saslSsl.port()
					+ " for its SASL_SSL listener: another of its listeners has it");
		}
		this.nodeId = nodeId;
		this.port = port;
		this.quorum = quorum;
		this.logDirectory = logDirectory;
		this.overrides = Map.copyOf(overrides);
		this.saslSsl = saslSsl;
	}

	/**
	 * The same broker, not started yet, with a listener for clients that authenticate
	 * with SCRAM over TLS beside its PLAINTEXT one, and ACLs deciding what they may do.
	 * @param listener the listener
	 * @return a new broker on the same ports and log directory
	 */
	public KafkaBroker withSaslSsl(SaslSslListener listener) {
		return new KafkaBroker(this.nodeId, this.port, this.quorum, this.logDirectory, this.overrides, listener);
	}

	/**
	 * @return the SCRAM-over-TLS listener, when the broker has one
	 */
	public Optional<SaslSslListener> saslSsl() {
		return Optional.ofNullable(this.saslSsl);
	}

	/**
	 * Formats the log directory if needed and starts the broker.
	 * @return this broker
	 */
	public synchronized KafkaBroker start() {
		if (this.server != null) {
			return this;
		}
		try {
			Files.createDirectories(this.logDirectory);
			Properties properties = BrokerProperties.of(this.nodeId, this.port, this.quorum, this.logDirectory);
			if (this.saslSsl != null) {
				this.saslSsl.addTo(properties);
			}
			properties.putAll(this.overrides);
			formatIfNeeded(properties);
			KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
			started.startup();
			this.server = started;
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka node " + this.nodeId + " did not start on port " + this.port, ex);
		}
	}

	/** Stops the broker in an orderly way; the log directory is kept. */
	public synchronized void stop() {
		KafkaRaftServer running = this.server;
		this.server = null;
		if (running != null) {
			running.shutdown();
			running.awaitShutdown();
		}
	}

	/** Stops the broker, then starts it again on the same log directory. */
	public void restart() {
		stop();
		start();
	}

	/**
	 * @return whether the broker is running
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * @return the {@code bootstrap.servers} value for clients
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * @return the node id
	 */
	public int nodeId() {
		return this.nodeId;
	}

	/**
	 * @return the quorum this node belongs to
	 */
	public KafkaQuorum quorum() {
		return this.quorum;
	}

	/**
	 * @return the client port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * @return the log directory
	 */
	public Path logDirectory() {
		return this.logDirectory;
	}

	@Override
	public void close() {
		stop();
	}

	private void formatIfNeeded(Properties properties) throws IOException {
		if (Files.exists(this.logDirectory.resolve("meta.properties"))) {
			return;
		}
		Path config = Files.createTempFile("kafka-broker", ".properties");
		try (OutputStream out = Files.newOutputStream(config)) {
			properties.store(out, "Waybill embedded broker, node " + this.nodeId);
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		String[] arguments = { "format", "--cluster-id", this.quorum.clusterId(), "--config", config.toString(),
				"--ignore-formatted" };
		int exit = StorageTool.execute(arguments, new PrintStream(output, true, StandardCharsets.UTF_8));
		Files.deleteIfExists(config);
		if (exit != 0) {
			throw new IllegalStateException("Formatting " + this.logDirectory + " failed: " + output);
		}
	}

}
