package dev.waybill.audit;

import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a report as text for people and as JSON for scripts.
 */
final class ReportFormat {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ReportFormat() {
	}

	static String text(AuditReport report) {
		StringBuilder text = new StringBuilder();
		text.append("Waybill consistency audit at ")
			.append(report.takenAt())
			.append(" (")
			.append(report.took().toMillis())
			.append(" ms)\n");
		for (CheckResult check : report.checks()) {
			text.append(String.format("%-4s %-18s %s: %d checked, %d failed%n", check.verdict(), check.name(),
					check.title(), check.checked(), check.failed()));
		}
		for (CheckResult check : report.checks()) {
			text.append('\n').append(check.name()).append('\n');
			if (!check.counts().isEmpty()) {
				text.append("  counts: ").append(check.counts()).append('\n');
			}
			check.details().forEach((detail) -> text.append("  ").append(detail).append('\n'));
			check.findings()
				.forEach((finding) -> text.append("  ! ")
					.append(finding.id())
					.append(": ")
					.append(finding.problem())
					.append('\n'));
			if (check.failed() > check.findings().size()) {
				text.append("  ... and ").append(check.failed() - check.findings().size()).append(" more\n");
			}
		}
		text.append('\n').append(report.passed() ? "PASS: all checks passed" : "FAIL: " + report.failedChecks());
		return text.append('\n').toString();
	}

	static String json(AuditReport report) {
		ObjectNode root = JSON.createObjectNode();
		root.put("passed", report.passed());
		root.put("takenAt", report.takenAt().toString());
		root.put("tookMillis", report.took().toMillis());
		ArrayNode checks = root.putArray("checks");
		for (CheckResult check : report.checks()) {
			ObjectNode node = checks.addObject();
			node.put("name", check.name());
			node.put("title", check.title());
			node.put("verdict", check.verdict().name());
			node.put("checked", check.checked());
			node.put("failed", check.failed());
			ObjectNode counts = node.putObject("counts");
			check.counts().forEach(counts::put);
			ArrayNode findings = node.putArray("findings");
			check.findings()
				.forEach((finding) -> findings.addObject().put("id", finding.id()).put("problem", finding.problem()));
			ArrayNode details = node.putArray("details");
			check.details().forEach(details::add);
		}
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Could not write the report as JSON", ex);
		}
	}

	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m" + ((seconds % 60 != 0) ? " " + (seconds % 60) + "s" : "");
		}
		return (seconds / 3600) + "h" + ((seconds % 3600 / 60 != 0) ? " " + (seconds % 3600 / 60) + "m" : "");
	}

}
