package dev.waybill.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.waybill.audit.SystemState.InventorySide;
import dev.waybill.audit.SystemState.OrderSide;
import dev.waybill.audit.SystemState.Topics;

/**
 * Audits a running or stopped system. The databases are read first, each in one
 * repeatable-read transaction, then the topics up to end offsets taken after those reads:
 * an outbox row the audit sees had every chance to be published by then. On a system
 * under load, events still on their way (committed but not yet relayed or consumed) show
 * as findings; audit a quiet system, or audit again.
 */
public final class Auditor {

	private Auditor() {
	}

	/**
	 * Reads the system and runs every check, in this order: {@code published-once},
	 * {@code applied-once}, {@code orders-final}, {@code stock-conserved},
	 * {@code replica-matches}, {@code versions-in-order}.
	 * @param target the system
	 * @return one result per check
	 * @throws AuditException if a database or the broker cannot be read
	 */
	public static AuditReport audit(AuditTarget target) {
		Instant started = Instant.now();
		OrderSide orders = DatabaseReader.readOrders(target.orders());
		InventorySide inventory = DatabaseReader.readInventory(target.inventory());
		Topics topics = TopicReader.read(target);
		SystemState state = new SystemState(started, orders, inventory, topics);
		List<Check> checks = List.of(new PublicationCheck(), new AppliedOnceCheck(target.topicPrefix()),
				new FinalStateCheck(target.maxPendingAge()), new StockCheck(target.topicPrefix()), new ReplicaCheck(),
				new VersionSequenceCheck());
		List<CheckResult> results = checks.stream().map((check) -> check.run(state)).toList();
		return new AuditReport(started, Duration.between(started, Instant.now()), results);
	}

}
