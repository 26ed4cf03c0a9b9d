package dev.waybill.system.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scenarios' figures as the Markdown table RELIABILITY.md records, written to
 * {@code system-tests/target/reliability/} and printed.
 */
final class ReliabilityTable {

	private static final String HEADER = """
			| scenario | orders accepted | faults injected | events lost | events published twice (read_committed) | effects applied twice | auditor | time to recover (longest) | operator restarts |
			|---|---:|---|---:|---:|---:|---|---:|---|
			""";

	private final List<ScenarioResult> results = new ArrayList<>();

	private final FaultSettings settings;

	private final Instant started = Instant.now();

	ReliabilityTable(FaultSettings settings) {
		this.settings = settings;
	}

	void add(ScenarioResult result) {
		this.results.add(result);
	}

	String toMarkdown() {
		StringBuilder table = new StringBuilder();
		table.append("Run ").append(this.started).append(", ").append(Runtime.getRuntime().availableProcessors());
		table.append(" cores, ").append(this.settings.describe()).append("\n\n").append(HEADER);
		for (ScenarioResult result : this.results) {
			table.append("| %s | %d | %s | %d | %d | %d | %s | %.1f s | %s |%n".formatted(result.name(),
					result.accepted(), faults(result), result.eventsLost(), result.eventsPublishedTwice(),
					result.effectsAppliedTwice(), verdict(result), result.longestRecovery().toMillis() / 1000.0,
					result.operatorRestarts().isEmpty() ? "none" : String.join("; ", result.operatorRestarts())));
		}
		table.append("\nPer scenario: ");
		this.results.forEach(
				(result) -> table.append("%s took %d s (%d cancelled, %d requests retried, %d lost orders); ".formatted(
						result.name(), result.took().toSeconds(), result.cancelled(), result.retriedRequests(),
						result.lostOrders().size())));
		return table.append('\n').toString();
	}

	Path write(String name) throws IOException {
		Path file = Path.of("target", "reliability", name + ".md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, toMarkdown());
		System.out.printf("[faults] results (%s):%n%s%n", file.toAbsolutePath(), toMarkdown());
		return file;
	}

	private static String faults(ScenarioResult result) {
		return result.outcomes().size() + ": "
				+ result.outcomes()
					.stream()
					.map((outcome) -> outcome.fault().description())
					.collect(Collectors.groupingBy((description) -> description, java.util.LinkedHashMap::new,
							Collectors.counting()))
					.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + ((entry.getValue() > 1) ? " ×" + entry.getValue() : ""))
					.collect(Collectors.joining(", "));
	}

	private static String verdict(ScenarioResult result) {
		return result.audit().passed() ? "all PASS" : "FAIL " + result.audit().failedChecks();
	}

}
