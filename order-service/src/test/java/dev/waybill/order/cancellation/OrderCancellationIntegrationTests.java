package dev.waybill.order.cancellation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.waybill.order.WithRunningOrderService;
import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.TestRelay;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrderCancellationIntegrationTests extends WithRunningOrderService {

	OrderCancellationIntegrationTests(RunningService service) {
		super(service);
	}

	@Test
	void cancellingAPendingOrderAppendsOrderCancelled() throws Exception {
		String id = placeOrder();
		HttpResponse<String> response = cancel(id);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("status").asString()).isEqualTo("CANCELLED");
		Map<String, Object> event = this.service.jdbc()
			.queryForMap("SELECT aggregate_version, payload->>'previousStatus' AS previous FROM outbox_event"
					+ " WHERE aggregateid = ? AND type = 'OrderCancelled'", id);
		assertThat(event).containsEntry("aggregate_version", 2L).containsEntry("previous", "PENDING");
	}

	@Test
	void cancellingAConfirmedOrderAppendsOrderCancelledAfterOrderConfirmed() {
		String id = placeOrder();
		this.relay
			.send(List.of(TestRelay.record(this.relay.topic("reservation"), id, UUID.randomUUID(), "StockReserved", 1,
					"{\"orderId\":\"%s\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}".formatted(id))));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(id)).isEqualTo("CONFIRMED"));

		assertThat(cancel(id).statusCode()).isEqualTo(200);
		assertThat(this.service.jdbc()
			.queryForList("SELECT type FROM outbox_event WHERE aggregateid = ? ORDER BY aggregate_version",
					String.class, id))
			.containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled");
	}

	@Test
	void cancellingACancelledOrderIsAConflictThatWritesNothing() throws Exception {
		String id = placeOrder();
		cancel(id);
		int events = this.service.count("outbox_event");

		HttpResponse<String> response = cancel(id);

		assertThat(response.statusCode()).isEqualTo(409);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("detail").asString()).contains("is CANCELLED and can no longer be cancelled");
		assertThat(this.service.count("outbox_event")).isEqualTo(events);
	}

	@Test
	void cancellingARejectedOrderIsAConflict() {
		String id = placeOrder();
		this.relay
			.send(List.of(TestRelay.record(this.relay.topic("reservation"), id, UUID.randomUUID(), "StockRejected", 1,
					"{\"orderId\":\"%s\",\"reason\":\"Insufficient stock\",\"shortLines\":[]}".formatted(id))));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(id)).isEqualTo("REJECTED"));

		HttpResponse<String> response = cancel(id);
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).contains("is REJECTED");
	}

	@Test
	void cancellingAnUnknownOrderIsNotFound() {
		assertThat(cancel(UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> cancel(String id) {
		return this.service.post("/orders/" + id + "/cancel", "application/json", "");
	}

	private @Nullable String status(String id) {
		return this.service.jdbc()
			.queryForObject("SELECT status FROM customer_order WHERE id = ?::uuid", String.class, id);
	}

	private String placeOrder() {
		HttpResponse<String> response = this.service.post("/orders", "application/json",
				"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}");
		try {
			return this.json.readTree(response.body()).get("id").asString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

}
