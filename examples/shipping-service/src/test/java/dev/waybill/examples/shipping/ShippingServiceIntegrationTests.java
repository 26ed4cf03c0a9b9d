package dev.waybill.examples.shipping;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.waybill.outbox.test.RunningRelay;
import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.TestRelay;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a real PostgreSQL and Kafka, with the real relay publishing its
 * outbox: order-service's events come from a stand-in relay, the service's own go out
 * through the real one.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ShippingServiceIntegrationTests {

	@Test
	void aConfirmedOrderDeliveredTwiceIsShippedOnceAndItsEventReachesKafkaOnce(EmbeddedStack stack) {
		try (RunningService service = RunningService.start(stack, "shipping", "shipping.topic-prefix",
				ShippingApplication.class);
				RunningRelay relay = RunningRelay.start(stack, service.database(), service.topicPrefix(), Map.of())) {
			UUID orderId = UUID.randomUUID();
			ProducerRecord<String, String> confirmed = TestRelay.record(service.relay().topic("order"),
					orderId.toString(), UUID.randomUUID(), "OrderConfirmed", 2,
					"{\"orderId\":\"%s\",\"confirmedAt\":\"2026-12-06T10:15:31Z\"}".formatted(orderId));

			service.relay().send(List.of(confirmed));
			service.relay().send(List.of(confirmed));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> service.inboxDeliveries("outcome", "duplicate") == 1
						&& service.get("/shipments/" + orderId).statusCode() == 200);
			assertThat(service.count("shipment")).isEqualTo(1);
			List<ConsumerRecord<String, String>> published = TestRelay.read(stack.bootstrapServers(),
					service.relay().topic("shipment"), 1);
			// one shipment row, so one event: the duplicate appended nothing
			assertThat(published).singleElement().satisfies((record) -> {
				assertThat(record.key()).isEqualTo(orderId.toString());
				assertThat(TestRelay.header(record, "eventType")).isEqualTo("ShipmentScheduled");
				assertThat(record.value()).contains(orderId.toString());
			});
		}
	}

}
