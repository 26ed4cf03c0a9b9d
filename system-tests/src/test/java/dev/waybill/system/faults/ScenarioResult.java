package dev.waybill.system.faults;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.waybill.audit.AuditReport;

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
	 * @return events in an outbox but never published, dead-lettered ones included
	 */
	long eventsLost() {
		return count("published-once", "notPublished") + count("published-once", "deadLettered");
	}

	/**
	 * @return event ids a read_committed consumer sees more than once
	 */
	long eventsPublishedTwice() {
		return count("published-once", "publishedTwice");
	}

	/**
	 * @return state transitions or handler events the auditor found repeated
	 */
	long effectsAppliedTwice() {
		return count("applied-once", "transitionRepeated") + count("applied-once", "eventRepeated");
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

	private long count(String check, String kind) {
		return this.audit.check(check)
			.map((result) -> result.count(kind))
			.orElseThrow(() -> new IllegalStateException("The audit has no " + check + " check"));
	}

}
