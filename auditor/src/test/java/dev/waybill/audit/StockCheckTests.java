package dev.waybill.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.waybill.audit.SystemState.InventorySide;
import dev.waybill.audit.SystemState.OrderSide;
import dev.waybill.audit.SystemState.OutboxRow;
import dev.waybill.audit.SystemState.Product;
import dev.waybill.audit.SystemState.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class StockCheckTests {

	private final StockCheck check = new StockCheck("p.");

	private final List<OutboxRow> outbox = new ArrayList<>();

	@Test
	void acceptsReservationsReleasesAndAdjustments() {
		announce(1, 10, 0);
		announce(2, 8, 2);
		announce(3, 20, 2);
		announce(4, 22, 0);
		assertThat(run(new Product("S", "S", 22, 0, 4)).passed()).isTrue();
	}

	@Test
	void findsAStepThatChangesOnHandAndReservedTogether() {
		announce(1, 10, 0);
		announce(2, 9, 2);
		CheckResult result = run(new Product("S", "S", 9, 2, 2));
		assertThat(result.findings()).extracting(Finding::problem)
			.contains("v1 to v2 changed on hand by 1 and reserved by 2: neither a reservation nor an adjustment");
	}

	@Test
	void findsACreationWithUnitsReserved() {
		announce(1, 10, 3);
		assertThat(run(new Product("S", "S", 10, 0, 1)).findings()).extracting(Finding::problem)
			.contains("ProductStockChanged v1 (creation) has 3 units reserved");
	}

	@Test
	void findsAProductAheadOfItsLatestEvent() {
		announce(1, 10, 0);
		assertThat(run(new Product("S", "S", 12, 0, 2)).findings()).extracting(Finding::problem)
			.containsExactly(
					"the product is at v2 but its latest ProductStockChanged is v1: stock changed without its event");
	}

	@Test
	void findsAnUnreadablePayload() {
		this.outbox.add(new OutboxRow(UUID.randomUUID(), "product", "S", "ProductStockChanged", 1, "{\"sku\":\"S\"}"));
		assertThat(run(new Product("S", "S", 10, 0, 1)).findings()).extracting(Finding::problem)
			.anySatisfy((problem) -> assertThat(problem).contains("has an unreadable payload"));
	}

	@Test
	void saysWhichProductsHaveNoHistoryToCheckAgainst() {
		CheckResult result = run(new Product("S", "S", 10, 0, 7));
		assertThat(result.passed()).isTrue();
		assertThat(result.details()).containsExactly(
				"1 products, 1 of them without any ProductStockChanged left to check on-hand stock against");
	}

	private void announce(long version, int available, int reserved) {
		this.outbox.add(new OutboxRow(UUID.randomUUID(), "product", "S", "ProductStockChanged", version,
				"{\"available\":" + available + ",\"reserved\":" + reserved + "}"));
	}

	private CheckResult run(Product product) {
		return this.check.run(new SystemState(Instant.now(), new OrderSide(List.of(), List.of(), List.of(), List.of()),
				new InventorySide(List.of(product), List.of(), this.outbox, List.of()),
				new Topics(List.of(), List.of(), List.of())));
	}

}
