package dev.waybill.order.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import dev.waybill.order.WithRunningOrderService;
import dev.waybill.outbox.kafka.DeadLetterHeaders;
import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.TestRelay;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProductStockListenerIntegrationTests extends WithRunningOrderService {

	ProductStockListenerIntegrationTests(RunningService service) {
		super(service);
	}

	@Test
	void theReplicaConvergesDespiteReorderedAndDuplicatedChanges() throws Exception {
		List<ProducerRecord<String, String>> shuffled = reorderedAndDuplicatedHistory();
		double deliveredBefore = delivered();
		for (int from = 0; from < shuffled.size(); from += 10) {
			this.relay.send(shuffled.subList(from, Math.min(from + 10, shuffled.size())));
		}

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(replica()).contains("SKU-R1 80/20 v20", "SKU-R2 80/20 v20", "SKU-R3 80/20 v20"));
		// the replica converges before the last stale change is consumed; the next test
		// on this service must not see it arrive
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(delivered()).isEqualTo(deliveredBefore + shuffled.size()));
		assertThat(replica()).contains("SKU-R1 80/20 v20", "SKU-R2 80/20 v20", "SKU-R3 80/20 v20");
		JsonNode products = this.json.readTree(this.service.get("/products").body());
		assertThat(products.findValuesAsString("sku")).contains("SKU-R1", "SKU-R2", "SKU-R3");
		assertThat(products.findValuesAsString("version")).contains("20");
	}

	@Test
	void anOlderVersionArrivingLateDoesNotMoveTheReplicaBackwards() {
		this.relay.send(List.of(change("SKU-R9", 5, 5, 7)));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replica()).contains("SKU-R9 5/5 v7"));
		UUID older = UUID.randomUUID();
		UUID sameVersion = UUID.randomUUID();

		this.relay.send(List.of(change("SKU-R9", 9, 1, 6, older), change("SKU-R9", 9, 1, 7, sameVersion)));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(processed(older, sameVersion)).isEqualTo(2));
		assertThat(replica()).contains("SKU-R9 5/5 v7");
	}

	@Test
	void aPoisonProductRecordGoesToTheDeadLetterTopicAndTheNextIsApplied() {
		String topic = this.relay.topic("product");
		this.relay.send(List.of(
				TestRelay.record(topic, "SKU-P1", UUID.randomUUID(), "ProductStockChanged", 1,
						"{\"sku\":\"SKU-P1\",\"name\":\"P\",\"available\":-1,\"reserved\":0,\"version\":1}"),
				change("SKU-P1", 3, 0, 1)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replica()).contains("SKU-P1 3/0 v1"));
		List<ConsumerRecord<String, String>> dead = this.relay.readWithKey(topic + ".dlt", "SKU-P1", 1);
		assertThat(TestRelay.header(dead.get(0), DeadLetterHeaders.REASON))
			.contains("available must be greater than or equal to 0");
	}

	// versions 1 to 20 of three products, the first 30 changes twice, shuffled; the
	// newest version of R1 goes first: everything after it is older and must not apply
	private List<ProducerRecord<String, String>> reorderedAndDuplicatedHistory() {
		List<ProducerRecord<String, String>> history = new ArrayList<>();
		for (String sku : List.of("SKU-R1", "SKU-R2", "SKU-R3")) {
			for (int version = 1; version <= 20; version++) {
				history.add(change(sku, 100 - version, version, version));
			}
		}
		List<ProducerRecord<String, String>> shuffled = new ArrayList<>(history);
		shuffled.addAll(history.subList(0, 30));
		Collections.shuffle(shuffled, new Random(42));
		shuffled.add(0, history.get(19));
		return shuffled;
	}

	private ProducerRecord<String, String> change(String sku, int available, int reserved, long version) {
		return change(sku, available, reserved, version, UUID.randomUUID());
	}

	private ProducerRecord<String, String> change(String sku, int available, int reserved, long version, UUID eventId) {
		return TestRelay.record(this.relay.topic("product"), sku, eventId, "ProductStockChanged", version,
				"{\"sku\":\"%s\",\"name\":\"Product %s\",\"available\":%d,\"reserved\":%d,\"version\":%d}"
					.formatted(sku, sku, available, reserved, version));
	}

	private List<String> replica() {
		return this.service.jdbc()
			.queryForList("SELECT sku || ' ' || available || '/' || reserved || ' v' || version FROM product_replica"
					+ " ORDER BY sku", String.class);
	}

	// every change taken, applied, stale or duplicate
	private double delivered() {
		return this.service.inboxDeliveries("topic", this.relay.topic("product"));
	}

	// how many of these events the inbox has recorded, whether they changed the replica
	// or not
	private long processed(UUID... events) {
		return Stream.of(events)
			.filter((event) -> this.service.jdbc()
				.queryForList("SELECT event_id FROM processed_event WHERE event_id = ?", event)
				.size() == 1)
			.count();
	}

}
