package dev.waybill.system.faults;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.waybill.audit.AuditReport;
import dev.waybill.audit.CheckResult;
import dev.waybill.audit.Finding;

/**
 * What one scenario measured.
 *
 * @param name the scenario
 * @param accepted the orders order-service accepted (load and probes)
 * @param cancelled the accepted orders the load cancelled
 * @param retriedRequests requests that failed without an answer or with a 5xx and were
 * sent again
 * @param lostOrders accepted orders order-service does not know
 * @param outcomes each fault and its recovery
 * @param audit the auditor's last report
 * @param took the scenario's wall time
 */
record ScenarioResult(String name, int accepted, int cancelled, long retriedRequests, Set<String> lostOrders,
		List<Recovery.Outcome> outcomes, AuditReport audit, Duration took) {

	/**
	 * @return events in an outbox but never published (from the auditor's findings)
	 */
	String eventsLost() {
		return count("published-once", "not published", "dead-letter");
	}

	/**
	 * @return event ids a read_committed consumer sees more than once
	 */
	String eventsPublishedTwice() {
		return count("published-once", "times");
	}

	/**
	 * @return effects applied more than once
	 */
	String effectsAppliedTwice() {
		return this.audit.check("applied-once").map((check) -> Long.toString(check.failed())).orElse("?");
	}

	Duration longestRecovery() {
		return this.outcomes.stream()
			.map(Recovery.Outcome::recoveredIn)
			.max(Comparator.naturalOrder())
			.orElse(Duration.ZERO);
	}

	List<String> operatorRestarts() {
		return this.outcomes.stream()
			.flatMap((outcome) -> outcome.operatorRestarts()
				.stream()
				.map((component) -> component + " after " + outcome.fault().description()))
			.toList();
	}

	// the auditor counts losses and duplicates together and lists the first ten; when
	// more failed, the split is a lower bound, marked with '+'
	private String count(String checkName, String... problems) {
		CheckResult check = this.audit.check(checkName).orElse(null);
		if (check == null) {
			return "?";
		}
		long matching = check.findings()
			.stream()
			.map(Finding::problem)
			.filter((problem) -> List.of(problems).stream().anyMatch(problem::contains))
			.count();
		return matching + ((check.failed() > check.findings().size()) ? "+" : "");
	}

}
