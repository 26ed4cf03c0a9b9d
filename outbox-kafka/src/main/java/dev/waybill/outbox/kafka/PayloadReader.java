package dev.waybill.outbox.kafka;

import java.util.Set;
import java.util.stream.Collectors;

import dev.waybill.contract.EventEnvelope;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads an event payload into its record and validates it. Unknown properties are
 * tolerated, so that a producer may add fields without breaking its consumers; a missing
 * or invalid required field fails validation.
 */
final class PayloadReader {

	private final ObjectMapper objectMapper;

	private final Validator validator;

	PayloadReader(ObjectMapper objectMapper, Validator validator) {
		this.objectMapper = objectMapper.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
		this.validator = validator;
	}

	<T> T read(EventEnvelope envelope, Class<T> payloadType) {
		T payload = parse(envelope, payloadType);
		Set<ConstraintViolation<T>> violations = this.validator.validate(payload);
		if (!violations.isEmpty()) {
			String reasons = violations.stream()
				.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
				.sorted()
				.collect(Collectors.joining(", "));
			throw new PoisonRecordException(describe(envelope) + " is invalid: " + reasons);
		}
		return payload;
	}

	private <T> T parse(EventEnvelope envelope, Class<T> payloadType) {
		try {
			T payload = this.objectMapper.readValue(envelope.payload(), payloadType);
			if (payload == null) {
				throw new PoisonRecordException(describe(envelope) + " has a null payload");
			}
			return payload;
		}
		catch (JacksonException ex) {
			throw new PoisonRecordException(describe(envelope) + " is not valid JSON for " + payloadType.getSimpleName()
					+ ": " + ex.getOriginalMessage(), ex);
		}
	}

	private static String describe(EventEnvelope envelope) {
		return envelope.eventType() + " " + envelope.eventId();
	}

}
