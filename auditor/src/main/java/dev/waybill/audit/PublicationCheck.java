package dev.waybill.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.waybill.audit.SystemState.OutboxRow;
import dev.waybill.audit.SystemState.Published;

/**
 * Check 1, {@code published-once}: every outbox row still kept by either service was
 * published to the event topics, and no event id appears twice on them, as a
 * {@code read_committed} consumer sees them.
 *
 * <p>
 * A row that reached the relay's dead-letter topic instead is reported as not published
 * with that fact, since no consumer will ever apply it. An id seen twice fails whether or
 * not its outbox row is still kept: the topics outlive the outbox's retention. A record
 * on an event topic without an {@code id} header fails too, since no consumer could
 * deduplicate it. Published records whose outbox rows are gone are not a finding: the
 * outbox is pruned after a retention period.
 */
final class PublicationCheck implements Check {

	static final String NAME = "published-once";

	@Override
	public CheckResult run(SystemState state) {
		Findings findings = new Findings("notPublished", "deadLettered", "publishedTwice", "withoutId");
		Map<String, Integer> published = countPublished(state, findings);
		List<OutboxRow> outbox = Stream.concat(state.orders().outbox().stream(), state.inventory().outbox().stream())
			.toList();
		checkOutbox(outbox, published, deadLettered(state), findings);
		published.forEach((id, count) -> {
			if (count > 1) {
				findings.add("publishedTwice", id, "published " + count + " times");
			}
		});
		findings.checked(outbox.size() + published.size());
		findings.detail(outbox.size() + " outbox rows kept (order-service " + state.orders().outbox().size()
				+ ", inventory-service " + state.inventory().outbox().size() + ")");
		findings.detail(state.topics().events().size() + " records on the event topics, " + published.size()
				+ " distinct event ids; " + state.topics().deadLetters().size() + " relay dead letters");
		return findings.result(NAME, "every outbox event was published, none twice (read_committed)");
	}

	private static Map<String, Integer> countPublished(SystemState state, Findings findings) {
		Map<String, Integer> published = new HashMap<>();
		for (Published record : state.topics().events()) {
			if (record.eventId() == null) {
				findings.add("withoutId", record.position(),
						"record without an id header: consumers cannot deduplicate it");
			}
			else {
				published.merge(record.eventId(), 1, Integer::sum);
			}
		}
		return published;
	}

	private static Map<String, String> deadLettered(SystemState state) {
		Map<String, String> deadLettered = new HashMap<>();
		state.topics()
			.deadLetters()
			.forEach((record) -> deadLettered.put(String.valueOf(record.eventId()), record.position()));
		return deadLettered;
	}

	private static void checkOutbox(List<OutboxRow> outbox, Map<String, Integer> published,
			Map<String, String> deadLettered, Findings findings) {
		for (OutboxRow row : outbox) {
			String id = row.id().toString();
			if (!published.containsKey(id)) {
				String where = deadLettered.get(id);
				findings.add((where != null) ? "deadLettered" : "notPublished", id,
						row.type() + " of " + row.aggregateType() + " " + row.aggregateId()
								+ ((where != null) ? " went to the relay's dead-letter topic (" + where + ")"
										: " is in the outbox but was not published"));
			}
		}
	}

}
