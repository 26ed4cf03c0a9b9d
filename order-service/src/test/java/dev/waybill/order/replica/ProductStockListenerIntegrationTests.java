package dev.waybill.order.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.waybill.order.WithRunningOrderService;
import dev.waybill.outbox.kafka.DeadLetterHeaders;
import dev.waybill.outbox.kafka.TestRelay;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProductStockListenerIntegrationTests extends WithRunningOrderService {

	@Test
	void theReplicaConvergesDespiteReorderedAndDuplicatedChanges() throws Exception {
		List<ProducerRecord<String, String>> history = new ArrayList<>();
		for (String sku : List.of("SKU-R1", "SKU-R2", "SKU-R3")) {
			for (int version = 1; version <= 20; version++) {
				history.add(change(sku, 100 - version, version, version));
			}
		}
		List<ProducerRecord<String, String>> shuffled = new ArrayList<>(history);
		shuffled.addAll(history.subList(0, 30));
		Collections.shuffle(shuffled, new Random(42));
		// the newest version of R1 goes first: everything after it
		// is older and must not apply
		shuffled.add(0, history.get(19));
		for (int from = 0; from < shuffled.size(); from += 10) {
			this.relay.send(shuffled.subList(from, Math.min(from + 10, shuffled.size())));
		}

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(replica()).contains("SKU-R1 80/20 v20", "SKU-R2 80/20 v20", "SKU-R3 80/20 v20"));
		JsonNode products = this.json.readTree(this.service.get("/products").body());
		assertThat(products.findValuesAsString("sku")).contains("SKU-R1", "SKU-R2", "SKU-R3");
		assertThat(products.findValuesAsString("version")).contains("20");
	}

	@Test
	void anOlderVersionArrivingLateDoesNotMoveTheReplicaBackwards() {
		this.relay.send(List.of(change("SKU-R9", 5, 5, 7)));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replica()).contains("SKU-R9 5/5 v7"));
		double appliedBefore = this.service.count("processed_event");

		this.relay.send(List.of(change("SKU-R9", 9, 1, 6), change("SKU-R9", 9, 1, 7)));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.service.count("processed_event")).isEqualTo((int) appliedBefore + 2));
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
		List<ConsumerRecord<String, String>> dead = this.relay.read(topic + ".dlt", 1);
		assertThat(TestRelay.header(dead.get(0), DeadLetterHeaders.REASON))
			.contains("available must be greater than or equal to 0");
	}

	private ProducerRecord<String, String> change(String sku, int available, int reserved, long version) {
		return TestRelay.record(this.relay.topic("product"), sku, UUID.randomUUID(), "ProductStockChanged", version,
				"{\"sku\":\"%s\",\"name\":\"Product %s\",\"available\":%d,\"reserved\":%d,\"version\":%d}"
					.formatted(sku, sku, available, reserved, version));
	}

	private List<String> replica() {
		return this.service.jdbc()
			.queryForList("SELECT sku || ' ' || available || '/' || reserved || ' v' || version FROM product_replica"
					+ " ORDER BY sku", String.class);
	}

}
