package dev.waybill.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an audit found: one result per check.
 *
 * @param takenAt when the databases were read; ages are measured from it
 * @param took how long the audit took
 * @param checks the results, in a fixed order
 */
public record AuditReport(Instant takenAt, Duration took, List<CheckResult> checks) {

	/**
	 * Copies the results.
	 */
	public AuditReport {
		checks = List.copyOf(checks);
	}

	/**
	 * @return whether every check passed
	 */
	public boolean passed() {
		return this.checks.stream().allMatch(CheckResult::passed);
	}

	/**
	 * @param name a check's name
	 * @return its result, if the report has it
	 */
	public Optional<CheckResult> check(String name) {
		return this.checks.stream().filter((check) -> check.name().equals(name)).findFirst();
	}

	/**
	 * @return the names of the checks that failed
	 */
	public List<String> failedChecks() {
		return this.checks.stream().filter((check) -> !check.passed()).map(CheckResult::name).toList();
	}

	/**
	 * @return the report for people: one line per check, then the details of each
	 */
	public String toText() {
		return ReportFormat.text(this);
	}

	/**
	 * @return the report as JSON, for tests and scripts
	 */
	public String toJson() {
		return ReportFormat.json(this);
	}

}
