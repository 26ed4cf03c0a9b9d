package dev.waybill.outbox;

import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class OutgoingEventTests {

	@Test
	void keepsAValidEventAsGiven() {
		OutgoingEvent event = new OutgoingEvent("order", "o-1", 1, "OrderPlaced", Map.of("quantity", 2));
		assertThat(event.aggregateType()).isEqualTo("order");
		assertThat(event.aggregateId()).isEqualTo("o-1");
		assertThat(event.aggregateVersion()).isEqualTo(1);
		assertThat(event.type()).isEqualTo("OrderPlaced");
		assertThat(event.payload()).isEqualTo(Map.of("quantity", 2));
	}

	@ParameterizedTest(name = "{argumentSetName}")
	@MethodSource("invalidEvents")
	@SuppressWarnings("NullAway") // a caller without null checking can still pass null
	void rejectsAnInvalidEvent(String aggregateType, @Nullable String aggregateId, long aggregateVersion, String type,
			@Nullable Object payload, String expectedMessage) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutgoingEvent(aggregateType, aggregateId, aggregateVersion, type, payload))
			.withMessage(expectedMessage);
	}

	static Stream<Arguments> invalidEvents() {
		return Stream.of(
				argumentSet("a blank aggregate type", " ", "o-1", 1, "OrderPlaced", "{}",
						"aggregateType must not be blank"),
				argumentSet("a missing aggregate id", "order", null, 1, "OrderPlaced", "{}",
						"aggregateId must not be blank"),
				argumentSet("a blank type", "order", "o-1", 1, "", "{}", "type must not be blank"),
				argumentSet("a version below one", "order", "o-1", 0, "OrderPlaced", "{}",
						"aggregateVersion must be at least 1, was 0"),
				argumentSet("a null payload", "order", "o-1", 1, "OrderPlaced", null, "payload must not be null"));
	}

}
