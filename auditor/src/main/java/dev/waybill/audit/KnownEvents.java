package dev.waybill.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.waybill.audit.SystemState.OutboxRow;
import dev.waybill.audit.SystemState.Published;

/**
 * Every event the audit can see, by id: the outbox rows still kept by both services and
 * the records on the event topics. Outbox rows are pruned after a retention period, so
 * the topics are what makes old events known.
 */
final class KnownEvents {

	private final Map<String, Event> events = new LinkedHashMap<>();

	private KnownEvents() {
	}

	static KnownEvents of(SystemState state, String topicPrefix) {
		KnownEvents known = new KnownEvents();
		Stream.concat(state.orders().outbox().stream(), state.inventory().outbox().stream())
			.forEach((row) -> known.events.put(row.id().toString(), Event.of(row)));
		for (Published record : state.topics().events()) {
			Event event = Event.of(record, topicPrefix);
			if (event != null) {
				known.events.putIfAbsent(event.id(), event);
			}
		}
		return known;
	}

	Optional<Event> find(Object eventId) {
		return Optional.ofNullable(this.events.get(eventId.toString()));
	}

	Collection<Event> all() {
		return this.events.values();
	}

	List<Event> ofAggregate(String aggregateType) {
		return this.events.values().stream().filter((event) -> event.aggregateType().equals(aggregateType)).toList();
	}

	/**
	 * An event as its outbox row or its record describes it.
	 */
	record Event(String id, String aggregateType, String aggregateId, String type, long version,
			@Nullable String payload) {

		static Event of(OutboxRow row) {
			return new Event(row.id().toString(), row.aggregateType(), row.aggregateId(), row.type(), row.version(),
					row.payload());
		}

		static @Nullable Event of(Published record, String topicPrefix) {
			Long version = Versions.parse(record.version());
			if (record.eventId() == null || record.eventType() == null || record.key() == null || version == null) {
				return null;
			}
			return new Event(record.eventId(), record.topic().substring(topicPrefix.length()), record.key(),
					record.eventType(), version, record.value());
		}

	}

}
