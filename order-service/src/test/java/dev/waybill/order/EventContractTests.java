package dev.waybill.order;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import dev.waybill.order.cancellation.OrderCancelled;
import dev.waybill.order.confirmation.OrderConfirmed;
import dev.waybill.order.confirmation.OrderRejected;
import dev.waybill.order.confirmation.StockRejected;
import dev.waybill.order.confirmation.StockReserved;
import dev.waybill.order.placement.OrderPlaced;
import dev.waybill.order.replica.ProductStockChanged;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events order-service produces match their documented examples, and the examples
 * inventory-service documents for the events order-service consumes parse and validate.
 */
class EventContractTests {

	private static final UUID ORDER = UUID.fromString("0b6f8a57-8d0c-4d39-9a5e-0c1f7f6b2d11");

	private static final Path INVENTORY_EXAMPLES = Path
		.of("../inventory-service/src/main/resources/dev/waybill/inventory");

	private final ObjectMapper writer = new Jackson2ObjectMapperBuilder()
		.featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final ObjectMapper reader = new Jackson2ObjectMapperBuilder()
		.featuresToDisable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void orderPlacedMatchesItsExample() throws IOException {
		assertProduces(new OrderPlaced(ORDER, "c-42",
				List.of(new OrderPlaced.Line("SKU-1", 2), new OrderPlaced.Line("SKU-7", 1)),
				Instant.parse("2026-11-24T10:15:30.123456Z")), "placement/OrderPlaced.json");
	}

	@Test
	void orderConfirmedRejectedAndCancelledMatchTheirExamples() throws IOException {
		assertProduces(new OrderConfirmed(ORDER, Instant.parse("2026-11-24T10:15:31.002Z")),
				"confirmation/OrderConfirmed.json");
		assertProduces(new OrderRejected(ORDER, "Insufficient stock: SKU-1 (requested 2, available 1)",
				Instant.parse("2026-11-24T10:15:31.002Z")), "confirmation/OrderRejected.json");
		assertProduces(new OrderCancelled(ORDER, "CONFIRMED", Instant.parse("2026-11-24T10:17:02.500Z")),
				"cancellation/OrderCancelled.json");
	}

	@Test
	void inventorysStockReservedExampleParses() throws IOException {
		StockReserved event = consume("reservation/StockReserved.json", StockReserved.class);
		assertThat(event.orderId()).isEqualTo(ORDER);
		assertThat(event.lines()).containsExactly(new StockReserved.Line("SKU-1", 2),
				new StockReserved.Line("SKU-7", 1));
	}

	@Test
	void inventorysStockRejectedExampleParses() throws IOException {
		StockRejected event = consume("reservation/StockRejected.json", StockRejected.class);
		assertThat(event.reason()).startsWith("Insufficient stock");
		assertThat(event.shortLines()).contains(new StockRejected.ShortLine("SKU-1", 2, 1));
	}

	@Test
	void inventorysProductStockChangedExampleParses() throws IOException {
		assertThat(consume("product/ProductStockChanged.json", ProductStockChanged.class))
			.isEqualTo(new ProductStockChanged("SKU-1", "Widget", 98, 2, 2L));
	}

	private void assertProduces(Object event, String example) throws IOException {
		String path = "/dev/waybill/order/" + example;
		try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(path), path)) {
			assertThat(this.writer.readTree(this.writer.writeValueAsString(event)))
				.isEqualTo(this.writer.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
	}

	private <T> T consume(String example, Class<T> type) throws IOException {
		T event = this.reader.readValue(Files.readString(INVENTORY_EXAMPLES.resolve(example)), type);
		assertThat(this.validator.validate(event)).isEmpty();
		return event;
	}

}
