package dev.waybill.outbox.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventHandlersTests {

	@Test
	void findsTheHandlerOfEachTypeAndKnowsTheIgnoredOnes() {
		EventHandlers handlers = EventHandlers.builder().on("OrderPlaced", String.class, (payload) -> {
		}).ignore("OrderConfirmed").build();
		assertThat(handlers.handlerFor("OrderPlaced")).isNotNull();
		assertThat(handlers.ignores("OrderConfirmed")).isTrue();
		assertThat(handlers.handlerFor("OrderShipped")).isNull();
		assertThat(handlers.ignores("OrderShipped")).isFalse();
	}

	@Test
	void refusesATypeNamedTwice() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventHandlers.builder().on("OrderPlaced", String.class, (payload) -> {
			}).ignore("OrderPlaced"))
			.withMessageContaining("named twice");
	}

}
