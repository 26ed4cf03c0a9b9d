package dev.waybill.demo.launch;

import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Uuid;

/**
 * How many Kafka brokers the demo runs, and the cluster id they share.
 *
 * <p>
 * One broker is the component {@code kafka}, a cluster of its own that picks its cluster
 * id when its data is first formatted. Three brokers are {@code kafka-1}, {@code kafka-2}
 * and {@code kafka-3}, each its own process and each a combined broker and controller of
 * one quorum, formatted with this cluster id; every topic is then replicated three times
 * with {@code min.insync.replicas=2}, so one broker may be stopped, killed or restarted
 * while the others carry on.
 *
 * @param count 1 or 3
 * @param clusterId the cluster id of three brokers; empty for one
 */
public record Brokers(int count, String clusterId) {

	/** One broker, as the demo runs by default. */
	public static final Brokers SINGLE = new Brokers(1, "");

	private static final String COUNT = "count";

	private static final String CLUSTER_ID = "cluster-id";

	/**
	 * Validates the brokers.
	 */
	public Brokers {
		requireCount(count, "The number of brokers");
		if (count == 1 && !clusterId.isEmpty()) {
			throw new IllegalArgumentException("One broker picks its own cluster id; got '" + clusterId + "'");
		}
		if (count > 1) {
			try {
				Uuid.fromString(clusterId);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"A cluster id is 22 characters of URL-safe base64; got '" + clusterId + "'", ex);
			}
		}
	}

	/**
	 * Brokers for new data: one, or a cluster with a new cluster id.
	 * @param count 1 or 3
	 * @return the brokers
	 */
	public static Brokers of(int count) {
		requireCount(count, "--brokers");
		return (count == 1) ? SINGLE : new Brokers(count, Uuid.randomUuid().toString());
	}

	/**
	 * @return the component names: {@code kafka}, or {@code kafka-1} to {@code kafka-N}
	 */
	public List<String> names() {
		return (this.count == 1) ? List.of("kafka")
				: IntStream.rangeClosed(1, this.count).mapToObj((node) -> "kafka-" + node).toList();
	}

	/**
	 * @param ports the demo's ports
	 * @return the {@code bootstrap.servers} value listing every broker
	 */
	public String bootstrapServers(Ports ports) {
		return listeners(ports::kafka);
	}

	/**
	 * @param ports the demo's ports
	 * @return the {@code bootstrap.servers} value listing every broker's secured listener
	 */
	public String securedBootstrapServers(Ports ports) {
		return listeners(ports::kafkaSecured);
	}

	private String listeners(IntUnaryOperator port) {
		return IntStream.rangeClosed(1, this.count)
			.mapToObj((node) -> "127.0.0.1:" + port.applyAsInt(node))
			.collect(Collectors.joining(","));
	}

	/**
	 * @param ports the demo's ports
	 * @return the quorum as Kafka's {@code controller.quorum.voters} is written
	 */
	String quorum(Ports ports) {
		return IntStream.rangeClosed(1, this.count)
			.mapToObj((node) -> node + "@127.0.0.1:" + ports.controller(node))
			.collect(Collectors.joining(","));
	}

	/**
	 * @return the lines the demo keeps with its data
	 */
	String record() {
		return COUNT + "=" + this.count + "\n"
				+ (this.clusterId.isEmpty() ? "" : CLUSTER_ID + "=" + this.clusterId + "\n");
	}

	/**
	 * @param record the lines {@link #record()} wrote
	 * @param file where they come from, for the message
	 * @return the brokers
	 */
	static Brokers parse(String record, String file) {
		Map<String, String> values = record.lines()
			.filter((line) -> line.contains("="))
			.map((line) -> line.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0].trim(), (pair) -> pair[1].trim(), (a, b) -> b));
		try {
			return new Brokers(Integer.parseInt(values.getOrDefault(COUNT, "")), values.getOrDefault(CLUSTER_ID, ""));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file + " does not describe the brokers (" + ex.getMessage()
					+ "); it holds '" + record.strip() + "'", ex);
		}
	}

	private static void requireCount(int count, String setting) {
		if (count != 1 && count != 3) {
			throw new IllegalArgumentException(setting + " must be 1 or 3 (a replicated cluster, in which one broker "
					+ "may be down), got " + count);
		}
	}

}
