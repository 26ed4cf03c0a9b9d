package dev.waybill.relay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.OutboxDatabase.Row;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same acceptance as {@link RelayApplicationIntegrationTests}, with polling capture:
 * the fallback for databases that cannot grant logical replication must keep the same
 * guarantees. This relay adds CloudEvents attributes to its events, which change nothing
 * else.
 */
class PollingRelayIntegrationTests extends RelayAcceptance {

	@Override
	OutboxCapture capture() {
		return OutboxCapture.POLLING;
	}

	@Override
	String[] settings() {
		return new String[] { "waybill.relay.cloud-events.enabled=true" };
	}

	@Test
	void publishesEventsThatAConsumerWithTheCloudEventsSdkReads() {
		Row shipped = new Row(UUID.randomUUID(), "parcel", "p-1", "ParcelShipped", "{\"carrier\": \"post\"}", 2, null);
		outbox().commit(List.of(shipped));
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, relay().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "cloudevents-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed"),
				new StringDeserializer(), new CloudEventDeserializer())) {
			consumer.subscribe(List.of(relay().topicPrefix() + "parcel"));
			List<CloudEvent> events = new ArrayList<>();
			await().atMost(ARRIVAL).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> events.add(record.value()));
				assertThat(events).hasSize(1);
			});
			CloudEvent event = events.get(0);
			assertThat(event.getId()).isEqualTo(shipped.id().toString());
			assertThat(event.getSource()).isEqualTo(URI.create("/waybill/" + relay().name()));
			assertThat(event.getType()).isEqualTo("ParcelShipped");
			assertThat(event.getSubject()).isEqualTo("p-1");
			assertThat(event.getTime()).isNotNull();
			assertThat(new String(Objects.requireNonNull(event.getData()).toBytes(), StandardCharsets.UTF_8))
				.isEqualTo(outbox().storedPayload(shipped.id()));
		}
	}

	@Override
	void assertLagReported(Map<?, ?> details) {
		assertThat(details.get("unpublishedRows")).isInstanceOfSatisfying(Long.class,
				(rows) -> assertThat(rows).isNotNegative());
		assertThat(details.containsKey("lagBytes")).as("lagBytes reported").isFalse();
	}

}
