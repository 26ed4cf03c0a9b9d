package dev.waybill.audit;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.waybill.audit.SystemState.Order;

/**
 * Check 3, {@code orders-final}: every order is {@code CONFIRMED}, {@code REJECTED} or
 * {@code CANCELLED}, or still {@code PENDING} for no longer than the configured maximum
 * age, measured from its {@code created_at} to the moment the database was read. The
 * pending orders' count and oldest age are reported either way.
 */
final class FinalStateCheck implements Check {

	static final String NAME = "orders-final";

	private final Duration maxPendingAge;

	FinalStateCheck(Duration maxPendingAge) {
		this.maxPendingAge = maxPendingAge;
	}

	@Override
	public CheckResult run(SystemState state) {
		Findings findings = new Findings("pendingTooLong");
		Map<String, Integer> byStatus = new TreeMap<>();
		Duration oldestPending = Duration.ZERO;
		for (Order order : state.orders().orders()) {
			byStatus.merge(order.status(), 1, Integer::sum);
			if (order.status().equals("PENDING")) {
				Duration age = Duration.between(order.createdAt(), state.takenAt());
				oldestPending = (age.compareTo(oldestPending) > 0) ? age : oldestPending;
				if (age.compareTo(this.maxPendingAge) > 0) {
					findings.add("pendingTooLong", order.id(), "PENDING for " + ReportFormat.duration(age)
							+ ", more than the " + ReportFormat.duration(this.maxPendingAge) + " allowed");
				}
			}
		}
		findings.checked(state.orders().orders().size());
		findings.detail("orders by status: " + (byStatus.isEmpty() ? "none" : byStatus));
		if (byStatus.containsKey("PENDING")) {
			findings.detail(byStatus.get("PENDING") + " PENDING, the oldest for " + ReportFormat.duration(oldestPending)
					+ " (max " + ReportFormat.duration(this.maxPendingAge) + ")");
		}
		return findings.result(NAME,
				"every order is final, or PENDING for at most " + ReportFormat.duration(this.maxPendingAge));
	}

}
