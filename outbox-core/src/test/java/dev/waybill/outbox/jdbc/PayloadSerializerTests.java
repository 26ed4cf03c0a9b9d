package dev.waybill.outbox.jdbc;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PayloadSerializerTests {

	private final PayloadSerializer serializer = new PayloadSerializer(new ObjectMapper());

	@Test
	void serialisesAnObjectWithTheObjectMapper() {
		assertThat(this.serializer.serialize(new OrderPlaced("o-1", 2), "OrderPlaced"))
			.isEqualTo("{\"orderId\":\"o-1\",\"quantity\":2}");
	}

	@Test
	void keepsAStringThatIsJsonAsItIs() {
		assertThat(this.serializer.serialize("{\"orderId\": \"o-1\"}", "OrderPlaced"))
			.isEqualTo("{\"orderId\": \"o-1\"}");
	}

	@Test
	void rejectsAStringThatIsNotJson() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.serialize("order o-1", "OrderPlaced"))
			.withMessageStartingWith("The String payload of event type 'OrderPlaced' is not valid JSON");
	}

	@Test
	void rejectsAStringWithTextAfterTheJson() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.serialize("{} {}", "OrderPlaced"))
			.withMessageStartingWith("The String payload of event type 'OrderPlaced' is not valid JSON");
	}

	@Test
	void rejectsAnEmptyOrNullJsonString() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.serialize("  ", "OrderPlaced"))
			.withMessageContaining("is empty or JSON null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.serialize("null", "OrderPlaced"))
			.withMessageContaining("is empty or JSON null");
	}

	@Test
	void rejectsAnObjectJacksonCannotSerialise() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.serializer.serialize(Map.of("line", new UnreadableLine()), "OrderPlaced"))
			.withMessageStartingWith("The payload of event type 'OrderPlaced' (java.util.ImmutableCollections")
			.withMessageContaining("could not be serialised to JSON");
	}

	record OrderPlaced(String orderId, int quantity) {
	}

	static final class UnreadableLine {

		public String getSku() {
			throw new IllegalStateException("the SKU was never loaded");
		}

	}

}
