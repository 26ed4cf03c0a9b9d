package dev.waybill.inventory;

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

import dev.waybill.inventory.product.ProductStockChanged;
import dev.waybill.inventory.reservation.OrderCancelled;
import dev.waybill.inventory.reservation.OrderPlaced;
import dev.waybill.inventory.reservation.ReservedLine;
import dev.waybill.inventory.reservation.StockRejected;
import dev.waybill.inventory.reservation.StockReleased;
import dev.waybill.inventory.reservation.StockReserved;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events inventory-service produces match their documented examples, and the examples
 * order-service documents for the events inventory-service consumes parse and validate.
 */
class EventContractTests {

	private static final UUID ORDER = UUID.fromString("0b6f8a57-8d0c-4d39-9a5e-0c1f7f6b2d11");

	private static final Path ORDER_EXAMPLES = Path.of("../order-service/src/main/resources/dev/waybill/order");

	private static final List<ReservedLine> LINES = List.of(new ReservedLine("SKU-1", 2), new ReservedLine("SKU-7", 1));

	private final ObjectMapper writer = new Jackson2ObjectMapperBuilder()
		.featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final ObjectMapper reader = new Jackson2ObjectMapperBuilder()
		.featuresToDisable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void reservationEventsMatchTheirExamples() throws IOException {
		assertProduces(new StockReserved(ORDER, LINES, Instant.parse("2026-11-24T10:15:30.912Z")),
				"reservation/StockReserved.json");
		assertProduces(new StockReleased(ORDER, LINES, Instant.parse("2026-11-24T10:17:03.204Z")),
				"reservation/StockReleased.json");
		assertProduces(new StockRejected(ORDER,
				"Insufficient stock: SKU-1 (requested 2, available 1), SKU-9 (unknown product)",
				List.of(new StockRejected.ShortLine("SKU-1", 2, 1), new StockRejected.ShortLine("SKU-9", 1, 0)),
				Instant.parse("2026-11-24T10:15:30.912Z")), "reservation/StockRejected.json");
	}

	@Test
	void productStockChangedMatchesItsExample() throws IOException {
		assertProduces(new ProductStockChanged("SKU-1", "Widget", 98, 2, 2), "product/ProductStockChanged.json");
	}

	@Test
	void orderServicesOrderPlacedExampleParses() throws IOException {
		OrderPlaced event = consume("placement/OrderPlaced.json", OrderPlaced.class);
		assertThat(event.orderId()).isEqualTo(ORDER);
		assertThat(event.lines()).containsExactly(new OrderPlaced.Line("SKU-1", 2), new OrderPlaced.Line("SKU-7", 1));
	}

	@Test
	void orderServicesOrderCancelledExampleParses() throws IOException {
		assertThat(consume("cancellation/OrderCancelled.json", OrderCancelled.class))
			.isEqualTo(new OrderCancelled(ORDER));
	}

	private void assertProduces(Object event, String example) throws IOException {
		String path = "/dev/waybill/inventory/" + example;
		try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(path), path)) {
			assertThat(this.writer.readTree(this.writer.writeValueAsString(event)))
				.isEqualTo(this.writer.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
	}

	private <T> T consume(String example, Class<T> type) throws IOException {
		T event = this.reader.readValue(Files.readString(ORDER_EXAMPLES.resolve(example)), type);
		assertThat(this.validator.validate(event)).isEmpty();
		return event;
	}

}
