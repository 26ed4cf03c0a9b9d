package dev.waybill.system.faults;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.waybill.audit.AuditException;
import dev.waybill.audit.AuditReport;
import dev.waybill.audit.Auditor;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Runs one scenario: a load of orders, the scenario's faults injected one after the other
 * while it runs (each after its share of the orders), the load finished, the system left
 * to settle (every accepted order final, or a bounded wait), then the auditor, re-run for
 * a bounded time while events still on their way show as findings.
 */
final class ScenarioRunner {

	private static final Duration SETTLE = Duration.ofMinutes(3);

	private static final Duration AUDIT_SETTLE = Duration.ofSeconds(90);

	private final FaultSystem system;

	private final FaultSettings settings;

	ScenarioRunner(FaultSystem system, FaultSettings settings) {
		this.system = system;
		this.settings = settings;
	}

	ScenarioResult run(String name, List<Fault> faults) throws InterruptedException, SQLException {
		System.out.printf("[faults] scenario '%s': %s, faults %s%n", name, this.settings.describe(), faults);
		Instant start = Instant.now();
		OrderClient client = new OrderClient(this.system.orderServices(), Duration.ofMinutes(4));
		Recovery recovery = new Recovery(this.system, client);
		List<Recovery.Outcome> outcomes = new ArrayList<>();
		Set<String> accepted = new HashSet<>();
		try (OrderLoad load = new OrderLoad(client, FaultProducts.SKUS, this.settings.cancelShare(),
				this.settings.seed() ^ name.hashCode())) {
			load.start(this.settings.rate());
			for (int i = 0; i < faults.size(); i++) {
				int share = (i + 1) * this.settings.orders() / (faults.size() + 1);
				awaitOrders(load, share);
				outcomes.add(recovery.inject(faults.get(i)));
			}
			awaitOrders(load, this.settings.orders());
			accepted.addAll(load.finish(Duration.ofMinutes(5)));
			outcomes.forEach((outcome) -> accepted.add(outcome.probeOrder()));
			Set<String> lost = settle(accepted);
			AuditReport report = audit();
			System.out.printf("[faults] scenario '%s' audited:%n%s%n", name, report.toText());
			return new ScenarioResult(name, accepted.size(), load.cancelled(), client.failedRequests(), lost, outcomes,
					report, Duration.between(start, Instant.now()));
		}
	}

	private static void awaitOrders(OrderLoad load, int count) {
		await().atMost(Duration.ofMinutes(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> load.accepted() >= count);
	}

	// waits until every accepted order is final; returns the accepted orders
	// order-service does not know at all (lost), which no wait can bring back
	private Set<String> settle(Set<String> accepted) throws SQLException {
		try {
			// pollDelay: Awaitility's first check otherwise waits one whole interval
			await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
				Map<String, String> statuses = this.system.orderStatuses();
				return accepted.stream().allMatch((id) -> OrderClient.FINAL.contains(statuses.get(id)));
			});
		}
		catch (ConditionTimeoutException ex) {
			System.out.printf("[faults] not every accepted order was final after %d s%n", SETTLE.toSeconds());
		}
		Map<String, String> statuses = this.system.orderStatuses();
		Set<String> lost = new HashSet<>(accepted);
		lost.removeAll(statuses.keySet());
		return lost;
	}

	private AuditReport audit() {
		AtomicReference<AuditReport> last = new AtomicReference<>();
		try {
			// a broker or database that does not answer one attempt in time (a loaded
			// machine) is not a finding: the next attempt reads again
			await().atMost(AUDIT_SETTLE)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofSeconds(1))
				.ignoreException(AuditException.class)
				.until(() -> {
					last.set(Auditor.audit(this.system.auditTarget()));
					return last.get().passed();
				});
		}
		catch (ConditionTimeoutException ex) {
			// the last report says what is still wrong
			if (last.get() == null) {
				throw new IllegalStateException("No audit could read the system within " + AUDIT_SETTLE, ex);
			}
		}
		return last.get();
	}

}
