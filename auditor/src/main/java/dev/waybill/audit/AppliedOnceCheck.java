package dev.waybill.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.waybill.audit.KnownEvents.Event;
import dev.waybill.audit.SystemState.Order;

/**
 * Check 2, {@code applied-once}: no consumer applied an event twice, and every event a
 * consumer's inbox records as processed has its effect. What the schemas make checkable:
 * <ul>
 * <li>An order's {@code version} counts its transitions: {@code PENDING} is 1,
 * {@code CONFIRMED} and {@code REJECTED} are 2, {@code CANCELLED} is 2 (from pending) or
 * 3 (from confirmed). A higher version means a transition ran more than once.</li>
 * <li>An order's status and version are those of its latest known event
 * ({@code OrderPlaced} for {@code PENDING}, {@code OrderConfirmed},
 * {@code OrderRejected}, {@code OrderCancelled}): both are written in one transaction, so
 * a status without its event, or an event without its status, means one of them was
 * changed or lost alone.</li>
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
 * <li>Effect versus inbox, the other way round: the event that made an order
 * {@code CONFIRMED} or {@code REJECTED}, that let inventory decide a reservation or
 * release it, and that put the replica at its version, is in the consuming service's
 * inbox when the event is known. An effect committed without its inbox row would be
 * applied again by a redelivery. (The inbox is never pruned; only the outbox is.)</li>
 * </ul>
 */
final class AppliedOnceCheck implements Check {

	static final String NAME = "applied-once";

	private static final Map<String, Set<Long>> VERSIONS_BY_STATUS = Map.of("PENDING", Set.of(1L), "CONFIRMED",
			Set.of(2L), "REJECTED", Set.of(2L), "CANCELLED", Set.of(2L, 3L));

	private static final Map<String, String> EVENT_BY_STATUS = Map.of("PENDING", "OrderPlaced", "CONFIRMED",
			"OrderConfirmed", "REJECTED", "OrderRejected", "CANCELLED", "OrderCancelled");

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
		Findings findings = new Findings("transitionRepeated", "statusWithoutEvent", "eventRepeated",
				"inboxWithoutEffect", "effectWithoutInbox");
		checkOrderVersions(state.orders().orders(), findings);
		checkOrderStatusEvents(state.orders().orders(), known, findings);
		checkOncePerAggregate(known, findings);
		InboxEffects inboxes = new InboxEffects(state, known, findings);
		inboxes.checkOrderSide();
		inboxes.checkInventorySide();
		inboxes.checkEffectsAreRecorded();
		findings.detail(state.orders().inbox().size() + " order-service inbox rows, " + state.inventory().inbox().size()
				+ " inventory-service inbox rows; " + inboxes.unresolved()
				+ " of them name events no longer in an outbox or on a topic");
		return findings.result(NAME, "no event was applied twice; inbox rows and effects agree");
	}

	private static void checkOrderVersions(List<Order> orders, Findings findings) {
		for (Order order : orders) {
			Set<Long> allowed = VERSIONS_BY_STATUS.getOrDefault(order.status(), Set.of());
			if (!allowed.contains(order.version())) {
				findings.add("transitionRepeated", order.id(), "order is " + order.status() + " at version "
						+ order.version() + " (expected " + allowed + "): a transition was applied more than once");
			}
		}
		findings.checked(orders.size());
	}

	private static void checkOrderStatusEvents(List<Order> orders, KnownEvents known, Findings findings) {
		Map<String, Event> latest = known.ofAggregate("order")
			.stream()
			.collect(Collectors.toMap(Event::aggregateId, (event) -> event,
					(one, other) -> (one.version() >= other.version()) ? one : other));
		for (Order order : orders) {
			Event event = latest.get(order.id().toString());
			String expected = EVENT_BY_STATUS.get(order.status());
			if (event != null && (event.version() != order.version() || !event.type().equals(expected))) {
				findings.add("statusWithoutEvent", order.id(), "order is " + order.status() + " at version "
						+ order.version() + " but its latest event is " + event.type() + " v" + event.version());
			}
		}
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
						findings.add("eventRepeated", aggregateId, aggregateType + " has " + matching.size()
								+ " events of " + String.join("/", group.stream().sorted().toList()) + " (ids "
								+ matching.stream().map(Event::id).toList() + "): its trigger was applied twice");
					}
				}
			});
			findings.checked(byAggregate.size());
		});
	}

}
