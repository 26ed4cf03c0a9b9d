package dev.waybill.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.waybill.audit.SystemState.Order;
import dev.waybill.audit.SystemState.Product;
import dev.waybill.audit.SystemState.Reservation;

/**
 * Check 4, {@code stock-conserved}: per product, the stock is what its history explains,
 * and nothing is held for an order that order-service rejected or cancelled.
 * <ul>
 * <li>{@code reserved} equals the sum of the lines of the {@code RESERVED} reservations
 * for that sku (the units reserved for live orders). A reservation or release applied
 * twice breaks this, whichever way the stock moved.</li>
 * <li>On hand ({@code available + reserved}) equals initial stock plus restocks and
 * adjustments. The inventory schema keeps no stock ledger: {@code product} holds only the
 * current counts, a restock overwrites {@code available}, and no column records the
 * initial stock. The history is therefore rebuilt from the {@code ProductStockChanged}
 * events (full state per version, from the outbox rows and the product topic): version 1
 * has nothing reserved, each following version either moves units between available and
 * reserved (on hand unchanged) or is an adjustment (reserved unchanged), and the product
 * row equals the state of its latest event. A change of stock made without its event, or
 * a step that changes both on hand and reserved, fails. An adjustment cannot be told from
 * an unexplained change that was announced like one; see {@link StockHistory}.</li>
 * <li>No {@code RESERVED} reservation belongs to an order that order-service has as
 * {@code REJECTED} or {@code CANCELLED}, or does not know.</li>
 * </ul>
 */
final class StockCheck implements Check {

	static final String NAME = "stock-conserved";

	private final String topicPrefix;

	StockCheck(String topicPrefix) {
		this.topicPrefix = topicPrefix;
	}

	@Override
	public CheckResult run(SystemState state) {
		Findings findings = new Findings("reservedMismatch", "historyMismatch", "heldForFinalOrder");
		checkReservedUnits(state, findings);
		StockHistory history = StockHistory.of(KnownEvents.of(state, this.topicPrefix));
		for (Product product : state.inventory().products()) {
			history.check(product, findings);
		}
		checkHeldReservations(state, findings);
		findings.detail(
				state.inventory().products().size() + " products, " + history.unverified(state.inventory().products())
						+ " of them without any ProductStockChanged left to check on-hand stock against");
		return findings.result(NAME,
				"stock is conserved per product; nothing is held for a rejected or cancelled order");
	}

	private static void checkReservedUnits(SystemState state, Findings findings) {
		Map<String, Long> held = new TreeMap<>();
		state.inventory()
			.reservations()
			.stream()
			.filter((reservation) -> reservation.status().equals("RESERVED"))
			.forEach((reservation) -> reservation.lines()
				.forEach((sku, quantity) -> held.merge(sku, (long) quantity, Long::sum)));
		for (Product product : state.inventory().products()) {
			long reserved = held.getOrDefault(product.sku(), 0L);
			if (product.reserved() != reserved) {
				findings.add("reservedMismatch", product.sku(), "reserved is " + product.reserved()
						+ " but the RESERVED reservations hold " + reserved + " units");
			}
			held.remove(product.sku());
		}
		held.forEach((sku, units) -> findings.add("reservedMismatch", sku,
				units + " units reserved for a product inventory does not have"));
		findings.checked(state.inventory().products().size());
	}

	private static void checkHeldReservations(SystemState state, Findings findings) {
		Map<String, String> statuses = new HashMap<>();
		for (Order order : state.orders().orders()) {
			statuses.put(order.id().toString(), order.status());
		}
		List<Reservation> held = state.inventory()
			.reservations()
			.stream()
			.filter((reservation) -> reservation.status().equals("RESERVED"))
			.toList();
		for (Reservation reservation : held) {
			String status = statuses.get(reservation.orderId().toString());
			if (status == null || status.equals("REJECTED") || status.equals("CANCELLED")) {
				findings.add("heldForFinalOrder", reservation.orderId(), "stock " + reservation.lines()
						+ " is held for an order that "
						+ ((status != null) ? "order-service has as " + status : "order-service does not know"));
			}
		}
		findings.checked(held.size());
	}

}
