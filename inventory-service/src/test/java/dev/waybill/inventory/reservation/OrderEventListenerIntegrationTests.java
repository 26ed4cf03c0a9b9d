package dev.waybill.inventory.reservation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.waybill.inventory.TestInventoryServiceApplication;
import dev.waybill.outbox.kafka.DeadLetterHeaders;
import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.TestRelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(TestInventoryServiceApplication.Shared.class)
class OrderEventListenerIntegrationTests {

	private final RunningService service;

	private final TestRelay relay;

	OrderEventListenerIntegrationTests(RunningService service) {
		this.service = service;
		this.relay = service.relay();
	}

	@Test
	void orderPlacedReservesTheStockAndAppendsStockReserved() {
		createProduct("SKU-K1", 10);
		UUID order = UUID.randomUUID();
		this.relay.send(List.of(placed(order, UUID.randomUUID(), "SKU-K1", 3)));

		awaitReservation(order, "RESERVED");
		assertThat(stock("SKU-K1")).containsExactly(7, 3);
		assertThat(reservationEvents(order)).containsExactly("StockReserved");
	}

	@Test
	void fiveHundredOrdersForAHundredUnitsThroughKafkaReserveExactlyAHundred() {
		createProduct("SKU-K2", 100);
		List<ProducerRecord<String, String>> records = IntStream.range(0, 500)
			.mapToObj((i) -> placed(UUID.randomUUID(), UUID.randomUUID(), "SKU-K2", 1))
			.toList();
		for (int from = 0; from < records.size(); from += 50) {
			this.relay.send(records.subList(from, from + 50));
		}

		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(statusCounts("SKU-K2")).containsEntry("RESERVED", 100)
				.containsEntry("REJECTED", 400));
		assertThat(stock("SKU-K2")).containsExactly(0, 100);
	}

	@Test
	void redeliveredEventsChangeNothingAndTheInboxReportsEachDuplicate() {
		createProduct("SKU-K3", 6);
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		orders.forEach((order) -> records.add(placed(order, UUID.randomUUID(), "SKU-K3", 2)));
		UUID tooLarge = UUID.randomUUID();
		records.add(placed(tooLarge, UUID.randomUUID(), "SKU-K3", 10));
		records.add(cancelled(orders.get(0), UUID.randomUUID()));
		this.relay.send(records);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(reservationStatus(orders.get(0))).isEqualTo("RELEASED"));
		awaitReservation(tooLarge, "REJECTED");
		awaitReservation(orders.get(1), "RESERVED");
		awaitReservation(orders.get(2), "RESERVED");
		List<Object> stockBefore = stock("SKU-K3");
		int outboxBefore = this.service.count("outbox_event");
		double duplicatesBefore = duplicates();

		this.relay.send(records);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(duplicates()).isEqualTo(duplicatesBefore + records.size()));
		assertThat(stock("SKU-K3")).isEqualTo(stockBefore).containsExactly(2, 4);
		assertThat(this.service.count("outbox_event")).isEqualTo(outboxBefore);
	}

	@Test
	void cancellationReleasesTheStockOnceEvenWhenDeliveredTwice() {
		createProduct("SKU-K4", 10);
		UUID order = UUID.randomUUID();
		UUID cancelId = UUID.randomUUID();
		this.relay.send(List.of(placed(order, UUID.randomUUID(), "SKU-K4", 4)));
		awaitReservation(order, "RESERVED");
		double before = deliveries("OrderCancelled");

		this.relay.send(List.of(cancelled(order, cancelId), cancelled(order, cancelId)));
		this.relay.send(List.of(cancelled(order, UUID.randomUUID())));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(deliveries("OrderCancelled")).isEqualTo(before + 3));
		assertThat(reservationStatus(order)).isEqualTo("RELEASED");
		assertThat(stock("SKU-K4")).containsExactly(10, 0);
		assertThat(reservationEvents(order)).containsExactly("StockReserved", "StockReleased");
	}

	@Test
	void aCancellationThatOvertakesTheOrderLeavesNothingReserved() {
		createProduct("SKU-K5", 10);
		UUID order = UUID.randomUUID();

		this.relay.send(List.of(cancelled(order, UUID.randomUUID())));
		awaitReservation(order, "CANCELLED");
		this.relay.send(List.of(placed(order, UUID.randomUUID(), "SKU-K5", 4)));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(reservationEvents(order)).containsExactly("StockRejected"));
		assertThat(reservationStatus(order)).isEqualTo("CANCELLED");
		assertThat(stock("SKU-K5")).containsExactly(10, 0);
	}

	@Test
	void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsApplied() {
		createProduct("SKU-K6", 10);
		String topic = this.relay.topic("order");
		UUID order = UUID.randomUUID();
		String key = order.toString();
		ProducerRecord<String, String> badId = TestRelay.record(topic, key, UUID.randomUUID(), "OrderPlaced", 1,
				payload(order, "SKU-K6", 1));
		badId.headers().remove("id");
		badId.headers().add("id", "42".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		this.relay.send(List.of(TestRelay.record(topic, key, UUID.randomUUID(), "OrderPlaced", 1, "[oops"),
				TestRelay.record(topic, key, UUID.randomUUID(), "OrderShipped", 1, payload(order, "SKU-K6", 1)), badId,
				TestRelay.record(topic, key, UUID.randomUUID(), "OrderPlaced", 1, payload(order, "SKU-K6", 0)),
				placed(order, UUID.randomUUID(), "SKU-K6", 1)));

		awaitReservation(order, "RESERVED");
		List<ConsumerRecord<String, String>> dead = this.relay.readWithKey(topic + ".dlt", key, 4);
		assertThat(dead).map((record) -> TestRelay.header(record, DeadLetterHeaders.REASON))
			.satisfiesExactly((reason) -> assertThat(reason).contains("not valid JSON"),
					(reason) -> assertThat(reason).contains("Unknown event type 'OrderShipped'"),
					(reason) -> assertThat(reason).contains("not a UUID"),
					(reason) -> assertThat(reason).contains("quantity must be greater than or equal to 1"));
	}

	private ProducerRecord<String, String> placed(UUID order, UUID eventId, String sku, int quantity) {
		return TestRelay.record(this.relay.topic("order"), order.toString(), eventId, "OrderPlaced", 1,
				payload(order, sku, quantity));
	}

	private static String payload(UUID order, String sku, int quantity) {
		return """
				{"orderId":"%s","customerId":"c-1","lines":[{"sku":"%s","quantity":%d}],"placedAt":"2026-11-24T10:15:30Z"}"""
			.formatted(order, sku, quantity);
	}

	private ProducerRecord<String, String> cancelled(UUID order, UUID eventId) {
		return TestRelay.record(this.relay.topic("order"), order.toString(), eventId, "OrderCancelled", 2, """
				{"orderId":"%s","previousStatus":"PENDING","cancelledAt":"2026-11-24T10:16:00Z"}""".formatted(order));
	}

	private void createProduct(String sku, int stock) {
		assertThat(this.service
			.post("/products", "application/json", "{\"sku\":\"%s\",\"name\":\"P\",\"stock\":%d}".formatted(sku, stock))
			.statusCode()).isEqualTo(201);
	}

	private void awaitReservation(UUID order, String status) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(reservationStatus(order)).isEqualTo(status));
	}

	private String reservationStatus(UUID order) {
		return this.service.jdbc()
			.queryForList("SELECT status FROM reservation WHERE order_id = ?", String.class, order)
			.stream()
			.findFirst()
			.orElse("NONE");
	}

	private List<Object> stock(String sku) {
		return List.copyOf(
				this.service.jdbc().queryForMap("SELECT available, reserved FROM product WHERE sku = ?", sku).values());
	}

	private List<String> reservationEvents(UUID order) {
		return this.service.jdbc()
			.queryForList("SELECT type FROM outbox_event WHERE aggregateid = ? ORDER BY aggregate_version",
					String.class, order.toString());
	}

	private double deliveries(String type) {
		return this.service.inboxDeliveries("type", type);
	}

	private Map<String, Integer> statusCounts(String sku) {
		Map<String, Integer> counts = new java.util.HashMap<>();
		this.service.jdbc()
			.query("SELECT r.status, count(*) AS n FROM reservation r JOIN reservation_line l ON l.order_id = r.order_id"
					+ " WHERE l.sku = ? GROUP BY r.status", (row) -> {
						counts.put(row.getString("status"), row.getInt("n"));
					}, sku);
		return counts;
	}

	private double duplicates() {
		return this.service.inboxDeliveries("outcome", "duplicate");
	}

}
