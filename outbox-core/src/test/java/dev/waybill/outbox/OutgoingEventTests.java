package dev.waybill.outbox;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	@Test
	void rejectsABlankAggregateType() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingEvent(" ", "o-1", 1, "OrderPlaced", "{}"))
			.withMessage("aggregateType must not be blank");
	}

	@Test
	@SuppressWarnings("NullAway") // a caller without null checking can still pass null
	void rejectsAMissingAggregateId() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingEvent("order", null, 1, "OrderPlaced", "{}"))
			.withMessage("aggregateId must not be blank");
	}

	@Test
	void rejectsABlankType() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingEvent("order", "o-1", 1, "", "{}"))
			.withMessage("type must not be blank");
	}

	@Test
	void rejectsAVersionBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingEvent("order", "o-1", 0, "OrderPlaced", "{}"))
			.withMessage("aggregateVersion must be at least 1, was 0");
	}

	@Test
	@SuppressWarnings("NullAway") // a caller without null checking can still pass null
	void rejectsANullPayload() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingEvent("order", "o-1", 1, "OrderPlaced", null))
			.withMessage("payload must not be null");
	}

}
