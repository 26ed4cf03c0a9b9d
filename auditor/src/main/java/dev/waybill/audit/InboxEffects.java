package dev.waybill.audit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.waybill.audit.KnownEvents.Event;
import dev.waybill.audit.SystemState.InboxRow;
import dev.waybill.audit.SystemState.Order;
import dev.waybill.audit.SystemState.Product;
import dev.waybill.audit.SystemState.Reservation;

/**
 * Compares each consumer's inbox with the effects its events should have left, both ways.
 * See {@link AppliedOnceCheck} for the rules.
 */
final class InboxEffects {

	private static final Set<String> STOCK_OUTCOMES = Set.of("StockReserved", "StockRejected");

	private final KnownEvents known;

	private final Findings findings;

	private final Map<String, Order> orders;

	private final Map<String, Product> replica;

	private final Map<String, Reservation> reservations;

	private final SystemState state;

	private long unresolved;

	InboxEffects(SystemState state, KnownEvents known, Findings findings) {
		this.state = state;
		this.known = known;
		this.findings = findings;
		this.orders = byKey(state.orders().orders(), (order) -> order.id().toString());
		this.replica = byKey(state.orders().replica(), Product::sku);
		this.reservations = byKey(state.inventory().reservations(), (reservation) -> reservation.orderId().toString());
	}

	long unresolved() {
		return this.unresolved;
	}

	void checkOrderSide() {
		for (InboxRow row : this.state.orders().inbox()) {
			Event event = resolve(row);
			if (event != null && STOCK_OUTCOMES.contains(event.type())) {
				Order order = this.orders.get(event.aggregateId());
				if (order == null || order.status().equals("PENDING")) {
					this.findings.add("inboxWithoutEffect", row.eventId(),
							event.type() + " for order " + event.aggregateId()
									+ " is in order-service's inbox but the order is "
									+ ((order != null) ? "still PENDING" : "unknown") + ": its effect is missing");
				}
			}
			else if (event != null && event.type().equals("ProductStockChanged")) {
				Product product = this.replica.get(event.aggregateId());
				if (product == null || product.version() < event.version()) {
					this.findings.add("inboxWithoutEffect", row.eventId(),
							"ProductStockChanged " + event.aggregateId() + " v" + event.version()
									+ " is in order-service's inbox but the replica is at "
									+ ((product != null) ? "v" + product.version() : "nothing"));
				}
			}
		}
	}

	void checkInventorySide() {
		for (InboxRow row : this.state.inventory().inbox()) {
			Event event = resolve(row);
			Reservation reservation = (event != null) ? this.reservations.get(event.aggregateId()) : null;
			if (event != null && event.type().equals("OrderPlaced")
					&& (reservation == null || reservation.version() < 1)) {
				this.findings.add("inboxWithoutEffect", row.eventId(), "OrderPlaced for order " + event.aggregateId()
						+ " is in inventory-service's inbox but no reservation was decided for it");
			}
			else if (event != null && event.type().equals("OrderCancelled")
					&& (reservation == null || reservation.status().equals("RESERVED"))) {
				this.findings.add("inboxWithoutEffect", row.eventId(),
						"OrderCancelled for order " + event.aggregateId()
								+ " is in inventory-service's inbox but its reservation is "
								+ ((reservation != null) ? "still RESERVED" : "missing"));
			}
		}
	}

	void checkEffectsAreRecorded() {
		Set<String> orderInbox = ids(this.state.orders().inbox());
		Set<String> inventoryInbox = ids(this.state.inventory().inbox());
		Map<String, List<Event>> byAggregate = this.known.all()
			.stream()
			.collect(Collectors.groupingBy((event) -> event.aggregateType() + "/" + event.aggregateId()));
		for (Order order : this.state.orders().orders()) {
			if (order.status().equals("CONFIRMED") || order.status().equals("REJECTED")) {
				requireRecorded(byAggregate, "reservation/" + order.id(), STOCK_OUTCOMES, orderInbox, "order-service",
						order.id() + " is " + order.status());
			}
		}
		for (Reservation reservation : this.state.inventory().reservations()) {
			if (reservation.version() >= 1) {
				requireRecorded(byAggregate, "order/" + reservation.orderId(), Set.of("OrderPlaced"), inventoryInbox,
						"inventory-service", "reservation " + reservation.orderId() + " is decided");
			}
			if (reservation.status().equals("RELEASED")) {
				requireRecorded(byAggregate, "order/" + reservation.orderId(), Set.of("OrderCancelled"), inventoryInbox,
						"inventory-service", "reservation " + reservation.orderId() + " is RELEASED");
			}
		}
		checkReplicaIsRecorded(byAggregate, orderInbox);
	}

	private void checkReplicaIsRecorded(Map<String, List<Event>> byAggregate, Set<String> orderInbox) {
		for (Product product : this.state.orders().replica()) {
			byAggregate.getOrDefault("product/" + product.sku(), List.of())
				.stream()
				.filter((event) -> event.type().equals("ProductStockChanged") && event.version() == product.version())
				.filter((event) -> !orderInbox.contains(event.id()))
				.forEach((event) -> this.findings.add("effectWithoutInbox", event.id(),
						"the replica of " + product.sku() + " is at v" + product.version()
								+ " but order-service's inbox does not record that ProductStockChanged"));
		}
	}

	private void requireRecorded(Map<String, List<Event>> byAggregate, String aggregate, Set<String> types,
			Set<String> inbox, String service, String effect) {
		List<Event> causes = byAggregate.getOrDefault(aggregate, List.of())
			.stream()
			.filter((event) -> types.contains(event.type()))
			.toList();
		this.findings.checked(1);
		if (!causes.isEmpty() && causes.stream().noneMatch((event) -> inbox.contains(event.id()))) {
			this.findings.add("effectWithoutInbox", causes.get(0).id(), effect + " but " + service
					+ "'s inbox does not record its " + causes.get(0).type() + ": a redelivery would apply it again");
		}
	}

	private @Nullable Event resolve(InboxRow row) {
		this.findings.checked(1);
		Event event = this.known.find(row.eventId()).orElse(null);
		if (event == null) {
			this.unresolved++;
		}
		return event;
	}

	private static Set<String> ids(List<InboxRow> inbox) {
		Set<String> ids = new HashSet<>();
		inbox.forEach((row) -> ids.add(row.eventId().toString()));
		return ids;
	}

	private static <T> Map<String, T> byKey(List<T> rows, Function<T, String> key) {
		Map<String, T> map = new HashMap<>();
		rows.forEach((row) -> map.put(key.apply(row), row));
		return map;
	}

}
