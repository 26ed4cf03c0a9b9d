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
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;

/**
 * A real Kafka broker in KRaft mode (combined broker and controller, one node), run in
 * this JVM from the broker's own server classes.
 *
 * <p>
 * The log directory survives {@link #stop()}: {@link #start()} again resumes on the same
 * logs and cluster id, which is what restart tests need.
 */
public final class KafkaBroker implements AutoCloseable {

	private final int port;

	private final int controllerPort;

	private final Path logDirectory;

	private final Map<String, String> overrides;

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
	 * Creates a broker that is not started yet, with some of its settings changed.
	 * @param port the client (PLAINTEXT) port on loopback
	 * @param controllerPort the KRaft controller port on loopback
	 * @param logDirectory where logs and metadata live; formatted on first start
	 * @param overrides broker properties that replace or add to this class's defaults
	 */
	public KafkaBroker(int port, int controllerPort, Path logDirectory, Map<String, String> overrides) {
		this.port = port;
		this.controllerPort = controllerPort;
		this.logDirectory = logDirectory;
		this.overrides = Map.copyOf(overrides);
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
			Properties properties = properties();
			formatIfNeeded(properties);
			KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
			started.startup();
			this.server = started;
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka did not start on port " + this.port, ex);
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

	private Properties properties() {
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", "1");
		properties.put("controller.quorum.voters", "1@127.0.0.1:" + this.controllerPort);
		properties.put("listeners",
				"PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + this.port);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("log.dirs", this.logDirectory.toAbsolutePath().toString());
		properties.put("num.partitions", "3");
		properties.put("default.replication.factor", "1");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("offsets.topic.num.partitions", "5");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", "5");
		properties.put("min.insync.replicas", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		properties.put("auto.create.topics.enable", "true");
		properties.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
		properties.put("transaction.max.timeout.ms", "900000");
		properties.putAll(this.overrides);
		return properties;
	}

	private void formatIfNeeded(Properties properties) throws IOException {
		if (Files.exists(this.logDirectory.resolve("meta.properties"))) {
			return;
		}
		Path config = Files.createTempFile("kafka-broker", ".properties");
		try (OutputStream out = Files.newOutputStream(config)) {
			properties.store(out, "Waybill embedded broker");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		String[] arguments = { "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(),
				"--ignore-formatted" };
		int exit = StorageTool.execute(arguments, new PrintStream(output, true, StandardCharsets.UTF_8));
		Files.deleteIfExists(config);
		if (exit != 0) {
			throw new IllegalStateException("Formatting " + this.logDirectory + " failed: " + output);
		}
	}

}
