package dev.waybill.relay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Prints where the relay's own threads spend CPU, from a flight recording's execution
 * samples: samples of the in-JVM broker are left out by the packages on their stacks.
 */
final class Hotspots {

	private static final List<String> RELAY_PACKAGES = List.of("io.debezium.", "dev.waybill.relay.",
			"org.apache.kafka.clients.producer.", "org.apache.kafka.connect.", "org.postgresql.");

	private static final Map<String, String> AREAS = Map.of("org.postgresql.", "PgJDBC replication stream",
			"io.debezium.connector.postgresql.connection.pgoutput.", "pgoutput decoding",
			"io.debezium.connector.postgresql.PostgresChangeRecordEmitter", "change record emission",
			"io.debezium.relational.", "Debezium row to Struct conversion", "org.apache.kafka.connect.json.",
			"offset JSON serialisation", "dev.waybill.relay.publish.OutboxRouter", "routing",
			"org.apache.kafka.clients.producer.", "Kafka producer (send, batching, network)", "io.debezium.embedded.",
			"embedded engine plumbing");

	private Hotspots() {
	}

	static void print(Path jfr) throws IOException {
		Map<String, Integer> selfTime = new HashMap<>();
		Map<String, Integer> areas = new HashMap<>();
		int relaySamples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
			RecordedStackTrace stack = event.getStackTrace();
			if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || stack == null || !isRelay(stack)) {
				continue;
			}
			relaySamples++;
			RecordedFrame top = stack.getFrames().get(0);
			selfTime.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
			AREAS.forEach((prefix, area) -> {
				if (stack.getFrames()
					.stream()
					.anyMatch((frame) -> frame.getMethod().getType().getName().startsWith(prefix))) {
					areas.merge(area, 1, Integer::sum);
				}
			});
		}
		int total = relaySamples;
		System.out.printf("  relay CPU samples (10 ms): %d%n  inclusive by area:%n", total);
		areas.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((entry) -> System.out.printf("    %5.1f%%  %s%n", 100.0 * entry.getValue() / total,
					entry.getKey()));
		System.out.println("  top self time:");
		selfTime.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(12)
			.forEach((entry) -> System.out.printf("    %5.1f%%  %s%n", 100.0 * entry.getValue() / total,
					entry.getKey()));
	}

	private static boolean isRelay(RecordedStackTrace stack) {
		return stack.getFrames().stream().anyMatch((frame) -> {
			String type = frame.getMethod().getType().getName();
			return RELAY_PACKAGES.stream().anyMatch(type::startsWith);
		});
	}

}
