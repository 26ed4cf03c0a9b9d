package dev.waybill.relay.capture.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.relay.TopicReader;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Once log capture has recorded its boundary, each start checks that its slot still holds
 * what the relay has not published: a lost slot, a slot confirmed past the relay's
 * position, or a position beyond the server's log stops the relay with what was lost and
 * the way on, instead of streaming past a gap.
 */
@ExtendWith(EmbeddedStackExtension.class)
class SlotSafetyIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(90);

	private final EmbeddedStack stack;

	SlotSafetyIntegrationTests(EmbeddedStack stack) {
		this.stack = stack;
	}

	@Test
	void aLostSlotStopsTheRelayUnlessItIsToldToPublishTheRetainedRowsAgain() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "lostslot");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		List<Row> before = List.of(Row.of("boundary", "a", 1));
		List<Row> whileLost = List.of(Row.of("boundary", "a", 2), Row.of("boundary", "b", 1));
		try (TopicReader reader = captured.reader(relay)) {
			try (ConfigurableApplicationContext running = relay.start()) {
				outbox.commit(before);
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
			}
			captured.asSuperuser("SELECT pg_drop_replication_slot('" + relay.name() + "')");
			outbox.commit(whileLost);
			assertThatThrownBy(relay::start).hasStackTraceContaining("which no longer exists")
				.hasStackTraceContaining("lost-slot=REPUBLISH");
			try (ConfigurableApplicationContext republishing = relay
				.start("waybill.relay.sources[0].lost-slot=REPUBLISH")) {
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(4));
				assertThat(CapturedOutbox.ids(reader.poll())).containsAll(CapturedOutbox.ids(before))
					.containsAll(CapturedOutbox.ids(whileLost));
				assertThat(captured.unpublished()).isZero();
			}
		}
	}

	@Test
	void aSlotConfirmedPastTheRelaysPositionStopsTheRelay() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "slotahead");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (TopicReader reader = captured.reader(relay)) {
			try (ConfigurableApplicationContext running = relay.start()) {
				outbox.commit(List.of(Row.of("boundary", "a", 1)));
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
			}
			outbox.commit(List.of(Row.of("boundary", "a", 2)));
			// what another consumer of the slot would do
			captured.asSuperuser("SELECT pg_replication_slot_advance('" + relay.name() + "', pg_current_wal_lsn())");
			assertThatThrownBy(relay::start).hasStackTraceContaining("was confirmed up to")
				.hasStackTraceContaining("past the position the relay last committed in Kafka");
		}
	}

	@Test
	void aPositionBeyondTheServersLogStopsTheRelay() throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "restored");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		relay.start().close();
		// the position a relay keeps after reading a database that was then restored from
		// an older backup
		long beyond = outbox.currentWalPosition() + (1L << 30);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers()),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			String position = "{\"lsn_proc\":%d,\"lsn_commit\":%d,\"lsn\":%d,\"txId\":1,\"ts_usec\":1}"
				.formatted(beyond, beyond, beyond);
			producer
				.send(new ProducerRecord<>(relay.offsetsTopic(), engineKey(relay.name()),
						position.getBytes(StandardCharsets.UTF_8)))
				.get();
		}
		assertThatThrownBy(relay::start).hasStackTraceContaining("beyond what this server has written");
	}

	@Test
	void healthWarnsWhenTheSlotKeepsMoreLogThanTheThreshold() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "retained");
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (ConfigurableApplicationContext quiet = relay.start()) {
			assertThat(sourceHealth(quiet, relay)).containsKey("retainedWalBytes").doesNotContainKey("warning");
		}
		try (ConfigurableApplicationContext running = relay.start("waybill.relay.slot-retention-warning=1B")) {
			assertThat(sourceHealth(running, relay)).containsKey("retainedWalBytes")
				.hasEntrySatisfying("warning",
						(warning) -> assertThat(warning).asString()
							.contains("slot '" + relay.name() + "' keeps")
							.contains("more than waybill.relay.slot-retention-warning"));
			assertThat(running.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
		}
	}

	@Test
	void aCaptureRecordedBeforeBoundariesTakesTheSlotsPositionAsItsBoundary() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "legacy");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (TopicReader reader = captured.reader(relay)) {
			relay.start().close();
			outbox.execute("UPDATE outbox_capture SET slot_name = NULL, boundary_lsn = NULL");
			outbox.commit(List.of(Row.of("boundary", "a", 1)));
			try (ConfigurableApplicationContext running = relay.start()) {
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
				assertThat(captured.records().get(0)).matches("LOG " + relay.name() + " [0-9A-F]+/[0-9A-F]+");
			}
		}
	}

	@Test
	void theSlotIsAFailoverSlotWhenTheSourceAsksForOne() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "failover");
		CapturedOutbox captured = new CapturedOutbox(this.stack, outbox);
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE);
		try (ConfigurableApplicationContext running = relay
			.start("waybill.relay.sources[0].debezium.slot.failover=true")) {
			assertThat(captured.jdbc()
				.queryForObject("SELECT failover FROM pg_replication_slots WHERE slot_name = ?", Boolean.class,
						relay.name()))
				.isTrue();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> sourceHealth(ConfigurableApplicationContext running, RelayRunner relay) {
		HealthDescriptor health = running.getBean(HealthEndpoint.class).healthForPath("relay");
		return (Map<String, Object>) ((IndicatedHealthDescriptor) health).getDetails().get(relay.name());
	}

	// as the engine's own offset writer keys a source's position
	private static byte[] engineKey(String source) {
		JsonConverter converter = new JsonConverter();
		converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
		return converter.fromConnectData(source, null, Arrays.asList(source, Map.of("server", source)));
	}

}
