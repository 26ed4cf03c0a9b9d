package dev.waybill.bench.drain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Prints where a pipeline's own threads spend CPU, from a flight recording's execution
 * samples: samples of the in-JVM broker are left out by the packages on their stacks. The
 * shares are of samples; {@link CpuAccount} gives the absolute CPU time per thread.
 */
final class Hotspots {

	private static final List<String> PIPELINE_PACKAGES = List.of("io.debezium.", "dev.waybill.relay.",
			"org.apache.kafka.clients.producer.", "org.apache.kafka.connect.", "org.postgresql.");

	private static final String DECODING_THREAD = "change-event-source-coordinator";

	// checked in this order; a sample counts for the first area found on its stack
	private static final Map<String, String> AREAS = areas();

	private Hotspots() {
	}

	private static Map<String, String> areas() {
		Map<String, String> areas = new LinkedHashMap<>();
		areas.put("io.debezium.pipeline.meters.", "Debezium JMX metrics (LastEvent formatting)");
		areas.put("io.debezium.pipeline.metrics.", "Debezium JMX metrics (other)");
		areas.put("io.debezium.util.BoundedConcurrentHashMap", "topic name cache (LRU)");
		areas.put("io.debezium.connector.postgresql.SourceInfo", "source info (sequence JSON)");
		areas.put("io.debezium.connector.postgresql.PostgresOffsetContext.getOffset", "offset map per record");
		areas.put("io.debezium.connector.base.ChangeEventQueue", "change event queue");
		areas.put("io.debezium.connector.postgresql.connection.pgoutput.", "pgoutput decoding");
		areas.put("io.debezium.relational.", "Debezium row to Struct conversion");
		areas.put("io.debezium.connector.postgresql.PostgresChangeRecordEmitter", "change record emission (other)");
		areas.put("org.postgresql.", "PgJDBC replication stream");
		areas.put("io.debezium.transforms.outbox.", "EventRouter SMT");
		areas.put("org.apache.kafka.connect.json.", "JSON conversion (EventRouter) / offset JSON (relay)");
		areas.put("dev.waybill.relay.capture.log.ChangeEvents", "relay decoding");
		areas.put("dev.waybill.relay.publish.OutboxRouter", "relay routing");
		areas.put("io.micrometer.", "Micrometer");
		areas.put("org.apache.kafka.clients.producer.", "Kafka producer (send, batching, network)");
		areas.put("io.debezium.embedded.", "embedded engine plumbing");
		return areas;
	}

	static void print(Path jfr) throws IOException {
		List<RecordedStackTrace> samples = RecordingFile.readAllEvents(jfr)
			.stream()
			.filter((event) -> "jdk.ExecutionSample".equals(event.getEventType().getName()))
			.filter((event) -> event.getStackTrace() != null && isPipeline(event.getStackTrace()))
			.map(RecordedEvent::getStackTrace)
			.toList();
		List<RecordedStackTrace> decoding = RecordingFile.readAllEvents(jfr)
			.stream()
			.filter((event) -> "jdk.ExecutionSample".equals(event.getEventType().getName()))
			.filter((event) -> event.getStackTrace() != null && event.getThread("sampledThread") != null
					&& String.valueOf(event.getThread("sampledThread").getJavaName()).contains(DECODING_THREAD))
			.map(RecordedEvent::getStackTrace)
			.toList();
		BenchmarkReport.print("  pipeline samples (10 ms, all its threads): %d, of which Debezium's decoding thread %d"
			.formatted(samples.size(), decoding.size()));
		BenchmarkReport.print("  decoding thread, by area (first match on the stack):");
		byArea(decoding);
		BenchmarkReport.print("  decoding thread, top self time:");
		topSelf(decoding, 10);
		BenchmarkReport.print("  all pipeline threads, top self time:");
		topSelf(samples, 12);
	}

	private static void byArea(List<RecordedStackTrace> samples) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (RecordedStackTrace stack : samples) {
			String area = AREAS.entrySet()
				.stream()
				.filter((entry) -> stack.getFrames().stream().anyMatch(startsWith(entry.getKey())))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse("other");
			counts.merge(area, 1, Integer::sum);
		}
		printShares(counts, samples.size(), Integer.MAX_VALUE);
	}

	private static void topSelf(List<RecordedStackTrace> samples, int limit) {
		Map<String, Integer> selfTime = new HashMap<>();
		for (RecordedStackTrace stack : samples) {
			RecordedFrame top = stack.getFrames().get(0);
			selfTime.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
		}
		printShares(selfTime, samples.size(), limit);
	}

	private static void printShares(Map<String, Integer> counts, int total, int limit) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> BenchmarkReport
				.print("    %5.1f%%  %s".formatted(100.0 * entry.getValue() / Math.max(1, total), entry.getKey())));
	}

	private static Predicate<RecordedFrame> startsWith(String prefix) {
		return (frame) -> (frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
			.startsWith(prefix);
	}

	private static boolean isPipeline(RecordedStackTrace stack) {
		return stack.getFrames().stream().anyMatch((frame) -> {
			String type = frame.getMethod().getType().getName();
			return PIPELINE_PACKAGES.stream().anyMatch(type::startsWith);
		});
	}

}
