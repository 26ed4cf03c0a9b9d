package dev.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where and on which ports the embedded stack runs.
 *
 * @param directory the parent of the PostgreSQL data directory and the Kafka log
 * directory
 * @param postgresPort the PostgreSQL port
 * @param kafkaPort the Kafka client port
 * @param controllerPort the KRaft controller port
 */
public record StackSettings(Path directory, int postgresPort, int kafkaPort, int controllerPort) {

	/**
	 * The demo's PostgreSQL port: not 5432, so that it does not collide with a system
	 * server.
	 */
	public static final int DEFAULT_POSTGRES_PORT = 5433;

	/** The demo's Kafka client port. */
	public static final int DEFAULT_KAFKA_PORT = 9092;

	/** The demo's KRaft controller port. */
	public static final int DEFAULT_CONTROLLER_PORT = 9093;

	/**
	 * Validates the settings.
	 */
	public StackSettings {
		requirePort("postgresPort", postgresPort);
		requirePort("kafkaPort", kafkaPort);
		requirePort("controllerPort", controllerPort);
		if (kafkaPort == controllerPort || kafkaPort == postgresPort || controllerPort == postgresPort) {
			throw new IllegalArgumentException("The stack's three ports must differ: postgres=" + postgresPort
					+ ", kafka=" + kafkaPort + ", controller=" + controllerPort);
		}
	}

	/**
	 * Settings for a throw-away stack: a new temporary directory and free ports.
	 * @return the settings
	 */
	public static StackSettings ephemeral() {
		int[] ports = FreePorts.take(3);
		try {
			return new StackSettings(Files.createTempDirectory("waybill-stack"), ports[0], ports[1], ports[2]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return where PostgreSQL keeps its cluster
	 */
	public Path postgresDirectory() {
		return this.directory.resolve("postgres");
	}

	/**
	 * @return where Kafka keeps its logs
	 */
	public Path kafkaDirectory() {
		return this.directory.resolve("kafka");
	}

	/**
	 * @param nodeId a node id
	 * @return where that node of a cluster keeps its logs
	 */
	public Path kafkaDirectory(int nodeId) {
		return this.directory.resolve("kafka-" + nodeId);
	}

	private static void requirePort(String name, int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(name + " must be between 1 and 65535, was " + port);
		}
	}

}
