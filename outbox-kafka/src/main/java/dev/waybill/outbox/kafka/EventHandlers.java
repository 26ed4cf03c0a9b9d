package dev.waybill.outbox.kafka;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The event types a consumer applies on one topic, each with its payload type and effect,
 * and the types it knows but ignores. Any other type is poison.
 *
 * <p>
 * Build once per listener: <pre class="code">
 * EventHandlers handlers = EventHandlers.builder()
 *     .on("OrderPlaced", OrderPlaced.class, reservations::reserve)
 *     .ignore("OrderConfirmed", "OrderRejected")
 *     .build();
 * </pre>
 */
public final class EventHandlers {

	private final Map<String, Handler<?>> handlers;

	private final Set<String> ignored;

	private final @Nullable Consumer<List<Object>> batchPreparation;

	private EventHandlers(Map<String, Handler<?>> handlers, Set<String> ignored,
			@Nullable Consumer<List<Object>> batchPreparation) {
		this.handlers = Map.copyOf(handlers);
		this.ignored = Set.copyOf(ignored);
		this.batchPreparation = batchPreparation;
	}

	/**
	 * Starts a new set of handlers.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Nullable Handler<?> handlerFor(String eventType) {
		return this.handlers.get(eventType);
	}

	boolean ignores(String eventType) {
		return this.ignored.contains(eventType);
	}

	// the payload list is built only for a preparation to read
	void prepareBatch(List<ReadEvent> events) {
		if (this.batchPreparation != null) {
			this.batchPreparation.accept(events.stream().map(ReadEvent::payload).filter(Objects::nonNull).toList());
		}
	}

	record Handler<T>(Class<T> payloadType, Consumer<? super T> effect) {

		void apply(Object payload) {
			this.effect.accept(this.payloadType.cast(payload));
		}

	}

	/**
	 * Collects the handlers; each event type may be named once.
	 */
	public static final class Builder {

		private final Map<String, Handler<?>> handlers = new HashMap<>();

		private final Set<String> ignored = new HashSet<>();

		private @Nullable Consumer<List<Object>> batchPreparation;

		private Builder() {
		}

		/**
		 * Applies events of a type with an effect.
		 * @param <T> the payload type
		 * @param eventType the event type (header {@code eventType})
		 * @param payloadType the record the JSON payload is read into and validated as
		 * @param effect what the event does, run inside the consumer's transaction
		 * @return this builder
		 */
		public <T> Builder on(String eventType, Class<T> payloadType, Consumer<? super T> effect) {
			requireNew(eventType);
			this.handlers.put(eventType, new Handler<>(payloadType, effect));
			return this;
		}

		/**
		 * Accepts events of these types without doing anything with them.
		 * @param eventTypes the event types
		 * @return this builder
		 */
		public Builder ignore(String... eventTypes) {
			Arrays.stream(eventTypes).forEach(this::requireNew);
			this.ignored.addAll(Arrays.asList(eventTypes));
			return this;
		}

		/**
		 * Runs once at the start of each shared transaction of a batch listener, before
		 * any effect, with the payloads of the events it is about to apply, in their
		 * order (a redelivered event's among them: the inbox is asked later). A shared
		 * transaction holds every effect's locks to its end, so two consumers whose
		 * effects each lock rows in a safe order can still deadlock over a batch; lock
		 * here, in one global order, all the rows the batch's effects will lock, and they
		 * cannot.
		 * @param preparation what to do with the payloads, inside the transaction
		 * @return this builder
		 */
		public Builder beforeBatch(Consumer<List<Object>> preparation) {
			this.batchPreparation = preparation;
			return this;
		}

		/**
		 * @return the handlers
		 */
		public EventHandlers build() {
			return new EventHandlers(this.handlers, this.ignored, this.batchPreparation);
		}

		private void requireNew(String eventType) {
			if (this.handlers.containsKey(eventType) || this.ignored.contains(eventType)) {
				throw new IllegalArgumentException("Event type " + eventType + " is named twice");
			}
		}

	}

}
