package dev.waybill.outbox.jdbc;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Turns an event payload into the JSON text stored in the {@code jsonb} column.
 *
 * <p>
 * A {@link String} payload is taken to be JSON already (a service that keeps its event
 * bodies serialised should not have them quoted into a JSON string); it must parse,
 * otherwise the append fails here rather than in the database or, worse, in a consumer.
 * Any other object is written with the payload mapper ({@code PayloadMapper}).
 */
final class PayloadSerializer {

	private final ObjectMapper objectMapper;

	private final ObjectReader strictReader;

	PayloadSerializer(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
		this.strictReader = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	String serialize(Object payload, String eventType) {
		if (payload instanceof String json) {
			requireJson(json, eventType);
			return json;
		}
		try {
			return this.objectMapper.writeValueAsString(payload);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The payload of event type '" + eventType + "' ("
					+ payload.getClass().getName() + ") could not be serialised to JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private void requireJson(String json, String eventType) {
		try {
			JsonNode document = this.strictReader.readTree(json);
			if (document.isMissingNode() || document.isNull()) {
				throw new IllegalArgumentException("The String payload of event type '" + eventType
						+ "' is empty or JSON null; it must be a JSON document");
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The String payload of event type '" + eventType
					+ "' is not valid JSON (a String payload is stored as it is; pass an object to have it "
					+ "serialised): " + ex.getOriginalMessage(), ex);
		}
	}

}
