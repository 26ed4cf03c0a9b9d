package dev.waybill.relay.capture.polling;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.waybill.relay.publish.Position;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller's position record: which rows its last batch held, under a key of its own
 * per source and table, beside the engine's positions in the same topic.
 */
class PollPositionTests {

	@Test
	void namesTheRowsOfTheBatchUnderTheSourceAndTable() {
		Position position = new PollPosition("orders", "public.outbox_event").of(List.of(41L, 42L, 45L));

		assertThat(text(position.key())).isEqualTo("[\"orders\",{\"polling\":\"public.outbox_event\"}]");
		assertThat(position.value()).isNotNull();
		assertThat(text(position.value())).isEqualTo("{\"sequenceNumbers\":[41,42,45]}");
	}

	@Test
	void keysEachTableOfEachSourceApart() {
		Position orders = new PollPosition("orders", "public.outbox_event").of(List.of(1L));
		Position other = new PollPosition("orders", "billing.outbox_event").of(List.of(1L));

		assertThat(orders.key()).isNotEqualTo(other.key());
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
