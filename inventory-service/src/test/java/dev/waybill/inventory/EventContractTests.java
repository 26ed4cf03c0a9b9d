package dev.waybill.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.waybill.inventory.product.ProductStockChanged;
import dev.waybill.inventory.reservation.OrderCancelled;
import dev.waybill.inventory.reservation.OrderPlaced;
import dev.waybill.inventory.reservation.ReservedLine;
import dev.waybill.inventory.reservation.StockRejected;
import dev.waybill.inventory.reservation.StockReleased;
import dev.waybill.inventory.reservation.StockReserved;
import dev.waybill.outbox.test.EventExamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events inventory-service produces match their documented examples, and the examples
 * order-service documents for the events inventory-service consumes parse and validate.
 */
class EventContractTests {

	private static final UUID ORDER = UUID.fromString("0b6f8a57-8d0c-4d39-9a5e-0c1f7f6b2d11");

	private static final List<ReservedLine> LINES = List.of(new ReservedLine("SKU-1", 2), new ReservedLine("SKU-7", 1));

	private final EventExamples examples = new EventExamples("/dev/waybill/inventory/",
			Path.of("../order-service/src/main/resources/dev/waybill/order"));

	@Test
	void reservationEventsMatchTheirExamples() throws IOException {
		this.examples.assertProduces(new StockReserved(ORDER, LINES, Instant.parse("2026-11-24T10:15:30.912Z")),
				"reservation/StockReserved.json");
		this.examples.assertProduces(new StockReleased(ORDER, LINES, Instant.parse("2026-11-24T10:17:03.204Z")),
				"reservation/StockReleased.json");
		this.examples.assertProduces(new StockRejected(ORDER,
				"Insufficient stock: SKU-1 (requested 2, available 1), SKU-9 (unknown product)",
				List.of(new StockRejected.ShortLine("SKU-1", 2, 1), new StockRejected.ShortLine("SKU-9", 1, 0)),
				Instant.parse("2026-11-24T10:15:30.912Z")), "reservation/StockRejected.json");
	}

	@Test
	void productStockChangedMatchesItsExample() throws IOException {
		this.examples.assertProduces(new ProductStockChanged("SKU-1", "Widget", 98, 2, 2),
				"product/ProductStockChanged.json");
	}

	@Test
	void orderServicesOrderPlacedExampleParses() throws IOException {
		OrderPlaced event = this.examples.consume("placement/OrderPlaced.json", OrderPlaced.class);
		assertThat(event.orderId()).isEqualTo(ORDER);
		assertThat(event.lines()).containsExactly(new OrderPlaced.Line("SKU-1", 2), new OrderPlaced.Line("SKU-7", 1));
	}

	@Test
	void orderServicesOrderCancelledExampleParses() throws IOException {
		assertThat(this.examples.consume("cancellation/OrderCancelled.json", OrderCancelled.class))
			.isEqualTo(new OrderCancelled(ORDER));
	}

}
