package dev.waybill.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.waybill.audit.KnownEvents.Event;
import dev.waybill.audit.SystemState.InboxRow;
import dev.waybill.audit.SystemState.Order;
import dev.waybill.audit.SystemState.Product;
import dev.waybill.audit.SystemState.Reservation;

/**
 * Check 2, {@code applied-once}: no consumer applied an event twice, and every event a
 * consumer's inbox records as processed has its effect. What the schemas make checkable:
 * <ul>
 * <li>An order's {@code version} counts its transitions: {@code PENDING} is 1,
 * {@code CONFIRMED} and {@code REJECTED} are 2, {@code CANCELLED} is 2 (from pending) or
 * 3 (from confirmed). A higher version means a transition ran more than once.</li>
 * <li>Events that a handler appends once per aggregate appear at most once among the
 * known events (outbox rows and published records, by id): per order one
 * {@code OrderPlaced}, one of {@code OrderConfirmed}/{@code OrderRejected}, one
 * {@code OrderCancelled}; per reservation one of
 * {@code StockReserved}/{@code StockRejected} and one {@code StockReleased}. A second one
 * with another id means its trigger was applied twice. (The reservation tables cannot
 * hold a second reservation for an order: {@code reservation.order_id} and
 * {@code reservation_line (order_id, sku)} are primary keys; a twice-applied reservation
 * shows in the stock instead, see {@link StockCheck}.)</li>
 * <li>Inbox versus effect, for every inbox row whose event is known: order-service's
 * {@code StockReserved}/{@code StockRejected} left the order no longer {@code PENDING};
 * its {@code ProductStockChanged} left the replica at that version or newer;
 * inventory-service's {@code OrderPlaced} left a reservation at version 1 or more; its
 * {@code OrderCancelled} left no reservation {@code RESERVED}.</li>
 * </ul>
 */
final class AppliedOnceCheck implements Check {

	static final String NAME = "applied-once";

	private static final Map<String, Set<Long>> VERSIONS_BY_STATUS = Map.of("PENDING", Set.of(1L), "CONFIRMED",
			Set.of(2L), "REJECTED", Set.of(2L), "CANCELLED", Set.of(2L, 3L));

	private static final Map<String, List<Set<String>>> ONCE_PER_AGGREGATE = Map.of("order",
			List.of(Set.of("OrderPlaced"), Set.of("OrderConfirmed", "OrderRejected"), Set.of("OrderCancelled")),
			"reservation", List.of(Set.of("StockReserved", "StockRejected"), Set.of("StockReleased")));

	private final String topicPrefix;

	AppliedOnceCheck(String topicPrefix) {
		this.topicPrefix = topicPrefix;
	}

	@Override
	public CheckResult run(SystemState state) {
		KnownEvents known = KnownEvents.of(state, this.topicPrefix);
		Findings findings = new Findings();
		checkOrderVersions(state.orders().orders(), findings);
		checkOncePerAggregate(known, findings);
		Inboxes inboxes = new Inboxes(known, findings);
		inboxes.checkOrderSide(state);
		inboxes.checkInventorySide(state);
		findings.detail(state.orders().inbox().size() + " order-service inbox rows, " + state.inventory().inbox().size()
				+ " inventory-service inbox rows; " + inboxes.unresolved
				+ " of them name events no longer in an outbox or on a topic");
		return findings.result(NAME, "no event was applied twice; every inbox row has its effect");
	}

	private static void checkOrderVersions(List<Order> orders, Findings findings) {
		for (Order order : orders) {
			Set<Long> allowed = VERSIONS_BY_STATUS.getOrDefault(order.status(), Set.of());
			if (!allowed.contains(order.version())) {
				findings.add(order.id(), "order is " + order.status() + " at version " + order.version() + " (expected "
						+ allowed + "): a transition was applied more than once");
			}
		}
		findings.checked(orders.size());
	}

	private static void checkOncePerAggregate(KnownEvents known, Findings findings) {
		ONCE_PER_AGGREGATE.forEach((aggregateType, groups) -> {
			Map<String, List<Event>> byAggregate = known.ofAggregate(aggregateType)
				.stream()
				.collect(Collectors.groupingBy(Event::aggregateId));
			byAggregate.forEach((aggregateId, events) -> {
				for (Set<String> group : groups) {
					List<Event> matching = events.stream().filter((event) -> group.contains(event.type())).toList();
					if (matching.size() > 1) {
						findings.add(aggregateId, aggregateType + " has " + matching.size() + " events of "
								+ String.join("/", group.stream().sorted().toList()) + " (ids "
								+ matching.stream().map(Event::id).toList() + "): its trigger was applied twice");
					}
				}
			});
			findings.checked(byAggregate.size());
		});
	}

	/**
	 * Compares each inbox row with the effect its event should have left.
	 */
	private static final class Inboxes {

		private final KnownEvents known;

		private final Findings findings;

		private long unresolved;

		Inboxes(KnownEvents known, Findings findings) {
			this.known = known;
			this.findings = findings;
		}

		void checkOrderSide(SystemState state) {
			Map<String, Order> orders = byKey(state.orders().orders(), (order) -> order.id().toString());
			Map<String, Product> replica = byKey(state.orders().replica(), Product::sku);
			for (InboxRow row : state.orders().inbox()) {
				Event event = resolve(row);
				if (event == null) {
					continue;
				}
				if (Set.of("StockReserved", "StockRejected").contains(event.type())) {
					Order order = orders.get(event.aggregateId());
					if (order == null || order.status().equals("PENDING")) {
						this.findings.add(row.eventId(),
								event.type() + " for order " + event.aggregateId()
										+ " is in order-service's inbox but the order is "
										+ ((order != null) ? "still PENDING" : "unknown") + ": its effect is missing");
					}
				}
				else if (event.type().equals("ProductStockChanged")) {
					Product product = replica.get(event.aggregateId());
					if (product == null || product.version() < event.version()) {
						this.findings.add(row.eventId(),
								"ProductStockChanged " + event.aggregateId() + " v" + event.version()
										+ " is in order-service's inbox but the replica is at "
										+ ((product != null) ? "v" + product.version() : "nothing"));
					}
				}
			}
		}

		void checkInventorySide(SystemState state) {
			Map<String, Reservation> reservations = byKey(state.inventory().reservations(),
					(reservation) -> reservation.orderId().toString());
			for (InboxRow row : state.inventory().inbox()) {
				Event event = resolve(row);
				if (event == null) {
					continue;
				}
				Reservation reservation = reservations.get(event.aggregateId());
				if (event.type().equals("OrderPlaced") && (reservation == null || reservation.version() < 1)) {
					this.findings.add(row.eventId(), "OrderPlaced for order " + event.aggregateId()
							+ " is in inventory-service's inbox but no reservation was decided for it");
				}
				else if (event.type().equals("OrderCancelled")
						&& (reservation == null || reservation.status().equals("RESERVED"))) {
					this.findings.add(row.eventId(),
							"OrderCancelled for order " + event.aggregateId()
									+ " is in inventory-service's inbox but its reservation is "
									+ ((reservation != null) ? "still RESERVED" : "missing"));
				}
			}
		}

		private @org.jspecify.annotations.Nullable Event resolve(InboxRow row) {
			this.findings.checked(1);
			Event event = this.known.find(row.eventId()).orElse(null);
			if (event == null) {
				this.unresolved++;
			}
			return event;
		}

		private static <T> Map<String, T> byKey(List<T> rows, Function<T, String> key) {
			Map<String, T> map = new HashMap<>();
			rows.forEach((row) -> map.put(key.apply(row), row));
			return map;
		}

	}

}
