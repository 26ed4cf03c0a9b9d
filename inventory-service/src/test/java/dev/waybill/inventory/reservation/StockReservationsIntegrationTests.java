package dev.waybill.inventory.reservation;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.transaction.support.TransactionTemplate;

import dev.waybill.inventory.TestInventoryServiceApplication;
import dev.waybill.outbox.test.RunningService;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestInventoryServiceApplication.Shared.class)
class StockReservationsIntegrationTests {

	private final RunningService service;

	private final StockReservations reservations;

	private final TransactionTemplate transactions;

	StockReservationsIntegrationTests(RunningService service) {
		this.service = service;
		this.reservations = service.bean(StockReservations.class);
		this.transactions = service.bean(TransactionTemplate.class);
	}

	@Test
	void reservesEveryLineAndAnnouncesEachProductsNewStock() {
		createProduct("SKU-A1", 5);
		createProduct("SKU-B1", 1);
		UUID order = UUID.randomUUID();

		reserve(order, Map.of("SKU-A1", 2, "SKU-B1", 1));

		assertThat(stock("SKU-A1")).containsExactly(3, 2, 2);
		assertThat(stock("SKU-B1")).containsExactly(0, 1, 2);
		assertThat(reservationEvents(order)).containsExactly("StockReserved");
		assertThat(productEventVersions("SKU-A1")).containsExactly(1L, 2L);
	}

	@Test
	void reservesNothingWhenOneLineIsShort() {
		createProduct("SKU-A2", 5);
		createProduct("SKU-B2", 1);
		UUID order = UUID.randomUUID();

		reserve(order, Map.of("SKU-A2", 2, "SKU-B2", 2, "SKU-UNKNOWN", 1));

		assertThat(stock("SKU-A2")).containsExactly(5, 0, 1);
		assertThat(stock("SKU-B2")).containsExactly(1, 0, 1);
		assertThat(this.service.jdbc()
			.queryForObject("SELECT reason FROM reservation WHERE order_id = ?", String.class, order))
			.isEqualTo("Insufficient stock: SKU-B2 (requested 2, available 1), SKU-UNKNOWN (unknown product)");
		assertThat(reservationEvents(order)).containsExactly("StockRejected");
		assertThat(productEventVersions("SKU-A2")).containsExactly(1L);
	}

	@Test
	void fiveHundredConcurrentReservationsOnAHundredUnitsReserveExactlyAHundred() throws Exception {
		createProduct("SKU-HOT", 100);
		runConcurrently(16, 500, (i) -> reserve(UUID.randomUUID(), Map.of("SKU-HOT", 1)));

		assertThat(statusCounts()).containsEntry("RESERVED", 100).containsEntry("REJECTED", 400);
		assertThat(stock("SKU-HOT")).containsExactly(0, 100, 101);
		assertThat(productEventVersions("SKU-HOT")).hasSize(101).doesNotHaveDuplicates();
	}

	@Test
	void ordersLockingOverlappingProductsInOppositeOrderDoNotDeadlock() throws Exception {
		createProduct("SKU-X", 1000);
		createProduct("SKU-Y", 1000);
		runConcurrently(8, 200, (i) -> reserve(UUID.randomUUID(),
				(i % 2 == 0) ? orderedLines("SKU-X", "SKU-Y") : orderedLines("SKU-Y", "SKU-X")));
		assertThat(stock("SKU-X")).containsExactly(800, 200, 201);
		assertThat(stock("SKU-Y")).containsExactly(800, 200, 201);
	}

	@Test
	void batchesOfOrdersOnTheSameProductsInOppositeOrderDoNotDeadlockWhenTheirProductsAreLockedFirst()
			throws Exception {
		createProduct("SKU-V", 1000);
		createProduct("SKU-W", 1000);
		UUID cancelledLater = UUID.randomUUID();
		reserve(cancelledLater, Map.of("SKU-V", 1, "SKU-W", 1));
		runConcurrently(8, 100, (i) -> {
			// each batch holds the products of its first order while it reserves its
			// second's, as a batch listener's transaction does
			List<Object> batch = (i % 2 == 0)
					? List.of(placed("SKU-V"), placed("SKU-W"), placed("SKU-V"), placed("SKU-W"))
					: List.of(placed("SKU-W"), placed("SKU-V"), placed("SKU-W"), placed("SKU-V"));
			applyBatch((i == 0) ? List.of(new OrderCancelled(cancelledLater)) : batch);
		});
		assertThat(stock("SKU-V")).containsExactly(802, 198, 102);
		assertThat(stock("SKU-W")).containsExactly(802, 198, 102);
	}

	@Test
	void aBatchThatReservesAProductSeveralTimesAnnouncesItOnceWithTheStateItCommits() {
		createProduct("SKU-C1", 10);
		createProduct("SKU-C2", 10);

		applyBatch(List.of(placed("SKU-C1"), placed("SKU-C2"), placed("SKU-C1"), placed("SKU-C1")));

		assertThat(stock("SKU-C1")).containsExactly(7, 3, 2);
		assertThat(productEventVersions("SKU-C1")).containsExactly(1L, 2L);
		assertThat(productEventVersions("SKU-C2")).containsExactly(1L, 2L);
		assertThat(this.service.jdbc()
			.queryForObject("SELECT payload->>'available' || '/' || (payload->>'reserved') || '/'"
					+ " || (payload->>'version') FROM outbox_event WHERE aggregateid = 'SKU-C1' AND aggregate_version = 2",
					String.class))
			.isEqualTo("7/3/2");
	}

	@Test
	void aBatchThatRollsBackAnnouncesNothingAndTheNextTransactionAnnouncesItsOwnChanges() {
		createProduct("SKU-D1", 10);

		this.transactions.executeWithoutResult((status) -> {
			this.reservations.reserve(placed("SKU-D1"));
			status.setRollbackOnly();
		});
		applyBatch(List.of(placed("SKU-D1")));

		assertThat(stock("SKU-D1")).containsExactly(9, 1, 2);
		assertThat(productEventVersions("SKU-D1")).containsExactly(1L, 2L);
	}

	// runs task(0) to task(tasks - 1) on a pool of threads and waits for all of them,
	// failing with the first task's failure
	private static void runConcurrently(int threads, int tasks, IntConsumer task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> done = IntStream.range(0, tasks)
				.<Future<?>>mapToObj((i) -> pool.submit(() -> task.accept(i)))
				.toList();
			for (Future<?> each : done) {
				each.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private void applyBatch(List<Object> payloads) {
		this.transactions.executeWithoutResult((status) -> {
			this.reservations.lockProducts(payloads);
			for (Object payload : payloads) {
				if (payload instanceof OrderPlaced order) {
					this.reservations.reserve(order);
				}
				else {
					this.reservations.release((OrderCancelled) payload);
				}
			}
		});
	}

	private static OrderPlaced placed(String sku) {
		return new OrderPlaced(UUID.randomUUID(), List.of(new OrderPlaced.Line(sku, 1)));
	}

	private static Map<String, Integer> orderedLines(String first, String second) {
		Map<String, Integer> lines = new java.util.LinkedHashMap<>();
		lines.put(first, 1);
		lines.put(second, 1);
		return lines;
	}

	private void reserve(UUID order, Map<String, Integer> lines) {
		OrderPlaced placed = new OrderPlaced(order,
				lines.entrySet().stream().map((line) -> new OrderPlaced.Line(line.getKey(), line.getValue())).toList());
		this.transactions.executeWithoutResult((status) -> this.reservations.reserve(placed));
	}

	private void createProduct(String sku, int stock) {
		assertThat(this.service
			.post("/products", "application/json", "{\"sku\":\"%s\",\"name\":\"P\",\"stock\":%d}".formatted(sku, stock))
			.statusCode()).isEqualTo(201);
	}

	private List<Object> stock(String sku) {
		return List.copyOf(this.service.jdbc()
			.queryForMap("SELECT available, reserved, version FROM product WHERE sku = ?", sku)
			.values()
			.stream()
			.map((value) -> (value instanceof Long version) ? (Object) version.intValue() : value)
			.toList());
	}

	private List<String> reservationEvents(UUID order) {
		return this.service.jdbc()
			.queryForList("SELECT type FROM outbox_event WHERE aggregateid = ? ORDER BY aggregate_version",
					String.class, order.toString());
	}

	private List<Long> productEventVersions(String sku) {
		return this.service.jdbc()
			.queryForList("SELECT aggregate_version FROM outbox_event WHERE aggregatetype = 'product'"
					+ " AND aggregateid = ? ORDER BY aggregate_version", Long.class, sku);
	}

	private Map<String, Integer> statusCounts() {
		Map<String, Integer> counts = new java.util.HashMap<>();
		this.service.jdbc()
			.query("SELECT r.status, count(*) AS n FROM reservation r JOIN reservation_line l ON l.order_id = r.order_id"
					+ " WHERE l.sku = 'SKU-HOT' GROUP BY r.status", (row) -> {
						counts.put(row.getString("status"), row.getInt("n"));
					});
		return counts;
	}

}
