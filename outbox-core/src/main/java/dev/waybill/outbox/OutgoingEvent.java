package dev.waybill.outbox;

/**
 * An event a service wants to publish, before it is stored.
 *
 * @param aggregateType the kind of aggregate, such as {@code order}; it names the topic
 * @param aggregateId the aggregate's id; it becomes the record key
 * @param aggregateVersion the aggregate's version after this event, increasing by one per
 * event of that aggregate, so that consumers can detect gaps and reordering
 * @param type the event type, such as {@code OrderPlaced}
 * @param payload the event body, serialised to JSON with the payload mapper
 * ({@link PayloadMapper}, the library's own unless the application chose its); a
 * {@link String} is taken to be JSON text already and is stored as it is, after checking
 * that it parses (to publish a JSON string value, pass a Jackson {@code TextNode})
 */
public record OutgoingEvent(String aggregateType, String aggregateId, long aggregateVersion, String type,
		Object payload) {

	/**
	 * Validates the event.
	 */
	public OutgoingEvent {
		requireText("aggregateType", aggregateType);
		requireText("aggregateId", aggregateId);
		requireText("type", type);
		if (aggregateVersion < 1) {
			throw new IllegalArgumentException("aggregateVersion must be at least 1, was " + aggregateVersion);
		}
		if (payload == null) {
			throw new IllegalArgumentException("payload must not be null");
		}
	}

	private static void requireText(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
