package dev.waybill.order;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.waybill.order.cancellation.OrderCancelled;
import dev.waybill.order.confirmation.OrderConfirmed;
import dev.waybill.order.confirmation.OrderRejected;
import dev.waybill.order.confirmation.StockRejected;
import dev.waybill.order.confirmation.StockReserved;
import dev.waybill.order.placement.OrderPlaced;
import dev.waybill.order.replica.ProductStockChanged;
import dev.waybill.outbox.test.EventExamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events order-service produces match their documented examples, and the examples
 * inventory-service documents for the events order-service consumes parse and validate.
 */
class EventContractTests {

	private static final UUID ORDER = UUID.fromString("0b6f8a57-8d0c-4d39-9a5e-0c1f7f6b2d11");

	private final EventExamples examples = new EventExamples("/dev/waybill/order/",
			Path.of("../inventory-service/src/main/resources/dev/waybill/inventory"));

	@Test
	void orderPlacedMatchesItsExample() throws IOException {
		this.examples.assertProduces(new OrderPlaced(ORDER, "c-42",
				List.of(new OrderPlaced.Line("SKU-1", 2), new OrderPlaced.Line("SKU-7", 1)),
				Instant.parse("2026-11-24T10:15:30.123456Z")), "placement/OrderPlaced.json");
	}

	@Test
	void orderConfirmedRejectedAndCancelledMatchTheirExamples() throws IOException {
		this.examples.assertProduces(new OrderConfirmed(ORDER, Instant.parse("2026-11-24T10:15:31.002Z")),
				"confirmation/OrderConfirmed.json");
		this.examples.assertProduces(new OrderRejected(ORDER, "Insufficient stock: SKU-1 (requested 2, available 1)",
				Instant.parse("2026-11-24T10:15:31.002Z")), "confirmation/OrderRejected.json");
		this.examples.assertProduces(new OrderCancelled(ORDER, "CONFIRMED", Instant.parse("2026-11-24T10:17:02.500Z")),
				"cancellation/OrderCancelled.json");
	}

	@Test
	void inventorysStockReservedExampleParses() throws IOException {
		StockReserved event = this.examples.consume("reservation/StockReserved.json", StockReserved.class);
		assertThat(event.orderId()).isEqualTo(ORDER);
		assertThat(event.lines()).containsExactly(new StockReserved.Line("SKU-1", 2),
				new StockReserved.Line("SKU-7", 1));
	}

	@Test
	void inventorysStockRejectedExampleParses() throws IOException {
		StockRejected event = this.examples.consume("reservation/StockRejected.json", StockRejected.class);
		assertThat(event.reason()).startsWith("Insufficient stock");
		assertThat(event.shortLines()).contains(new StockRejected.ShortLine("SKU-1", 2, 1));
	}

	@Test
	void inventorysProductStockChangedExampleParses() throws IOException {
		assertThat(this.examples.consume("product/ProductStockChanged.json", ProductStockChanged.class))
			.isEqualTo(new ProductStockChanged("SKU-1", "Widget", 98, 2, 2L));
	}

}
