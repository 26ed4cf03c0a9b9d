package dev.waybill.order.confirmation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.waybill.order.WithRunningOrderService;
import dev.waybill.contract.WireContract;
import dev.waybill.outbox.kafka.DeadLetterHeaders;
import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.TestRelay;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StockOutcomeListenerIntegrationTests extends WithRunningOrderService {

	StockOutcomeListenerIntegrationTests(RunningService service) {
		super(service);
	}

	@Test
	void stockReservedConfirmsThePendingOrderAndAppendsOrderConfirmed() {
		String id = placeOrder();
		this.relay.send(List.of(reserved(id, UUID.randomUUID())));

		awaitStatus(id, "CONFIRMED");
		assertThat(this.service.jdbc()
			.queryForMap(
					"SELECT type, aggregate_version FROM outbox_event WHERE aggregateid = ? AND type <> 'OrderPlaced'",
					id))
			.containsEntry("type", "OrderConfirmed")
			.containsEntry("aggregate_version", 2L);
	}

	@Test
	void stockRejectedRejectsTheOrderWithInventorysReason() throws Exception {
		String id = placeOrder();
		this.relay.send(List.of(rejected(id)));

		awaitStatus(id, "REJECTED");
		JsonNode order = this.json.readTree(this.service.get("/orders/" + id).body());
		assertThat(order.get("reason").asString()).isEqualTo("Insufficient stock: SKU-1 (requested 2, available 1)");
		assertThat(outboxTypes(id)).containsExactly("OrderPlaced", "OrderRejected");
	}

	@Test
	void aRedeliveredOutcomeChangesNothingAndTheInboxReportsTheDuplicate() {
		String id = placeOrder();
		UUID eventId = UUID.randomUUID();
		double duplicatesBefore = duplicates();
		this.relay.send(List.of(reserved(id, eventId)));
		awaitStatus(id, "CONFIRMED");
		long version = orderVersion(id);

		this.relay.send(List.of(reserved(id, eventId)));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(duplicates()).isEqualTo(duplicatesBefore + 1));
		assertThat(orderVersion(id)).isEqualTo(version);
		assertThat(outboxTypes(id)).containsExactly("OrderPlaced", "OrderConfirmed");
		assertThat(this.service.jdbc()
			.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId)).isOne();
	}

	@Test
	void anOutcomeForAnOrderCancelledMeanwhileLeavesItCancelled() {
		String id = placeOrder();
		assertThat(this.service.post("/orders/" + id + "/cancel", "application/json", "").statusCode()).isEqualTo(200);
		UUID eventId = UUID.randomUUID();
		this.relay.send(List.of(reserved(id, eventId)));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.service.jdbc()
				.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId))
				.isOne());
		awaitStatus(id, "CANCELLED");
		assertThat(outboxTypes(id)).containsExactly("OrderPlaced", "OrderCancelled");
	}

	@Test
	void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsApplied() {
		String id = placeOrder();
		String topic = this.relay.topic("reservation");
		ProducerRecord<String, String> missingId = TestRelay.record(topic, id, UUID.randomUUID(), "StockReserved", 1,
				reservedPayload(id));
		missingId.headers().remove(WireContract.HEADER_ID);
		this.relay.send(List.of(TestRelay.record(topic, id, UUID.randomUUID(), "StockReserved", 1, "{not json"),
				TestRelay.record(topic, id, UUID.randomUUID(), "StockExploded", 1, reservedPayload(id)), missingId,
				TestRelay.record(topic, id, UUID.randomUUID(), "StockReserved", 1, "{\"orderId\":\"" + id + "\"}"),
				reserved(id, UUID.randomUUID())));

		awaitStatus(id, "CONFIRMED");
		List<ConsumerRecord<String, String>> dead = this.relay.readWithKey(topic + ".dlt", id, 4);
		assertThat(dead).hasSize(4);
		assertThat(dead).map((record) -> TestRelay.header(record, DeadLetterHeaders.REASON))
			.satisfiesExactly((reason) -> assertThat(reason).contains("not valid JSON"),
					(reason) -> assertThat(reason).contains("Unknown event type 'StockExploded'"),
					(reason) -> assertThat(reason).contains("no 'id' header"),
					(reason) -> assertThat(reason).contains("lines must not be empty"));
		assertThat(dead).map(ConsumerRecord::value).first().isEqualTo("{not json");
	}

	private String placeOrder() {
		HttpResponse<String> response = this.service.post("/orders", "application/json",
				"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}");
		try {
			return this.json.readTree(response.body()).get("id").asString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

	private ProducerRecord<String, String> reserved(String orderId, UUID eventId) {
		return TestRelay.record(this.relay.topic("reservation"), orderId, eventId, "StockReserved", 1,
				reservedPayload(orderId));
	}

	private static String reservedPayload(String orderId) {
		return """
				{"orderId":"%s","lines":[{"sku":"SKU-1","quantity":2}],"reservedAt":"2026-11-24T10:15:30Z"}"""
			.formatted(orderId);
	}

	private ProducerRecord<String, String> rejected(String orderId) {
		return TestRelay.record(this.relay.topic("reservation"), orderId, UUID.randomUUID(), "StockRejected", 1, """
				{"orderId":"%s","reason":"Insufficient stock: SKU-1 (requested 2, available 1)",
				 "shortLines":[{"sku":"SKU-1","requested":2,"available":1}],"rejectedAt":"2026-11-24T10:15:30Z"}"""
			.formatted(orderId));
	}

	private void awaitStatus(String id, String status) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.service.jdbc()
				.queryForObject("SELECT status FROM customer_order WHERE id = ?::uuid", String.class, id))
				.isEqualTo(status));
	}

	private long orderVersion(String id) {
		Long version = this.service.jdbc()
			.queryForObject("SELECT version FROM customer_order WHERE id = ?::uuid", Long.class, id);
		return (version != null) ? version : 0;
	}

	private List<String> outboxTypes(String id) {
		return this.service.jdbc()
			.queryForList("SELECT type FROM outbox_event WHERE aggregateid = ? ORDER BY aggregate_version",
					String.class, id);
	}

	private double duplicates() {
		return this.service.inboxDeliveries("outcome", "duplicate");
	}

}
