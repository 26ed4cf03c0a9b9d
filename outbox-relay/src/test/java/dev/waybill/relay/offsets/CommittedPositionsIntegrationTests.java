package dev.waybill.relay.offsets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import dev.waybill.relay.kafka.KafkaClients;
import dev.waybill.relay.publish.ProducerSettings;
import dev.waybill.relay.publish.Publishers;
import dev.waybill.relay.publish.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sources share the offsets topic's partition, so a {@code read_committed} reader that
 * stopped at the last stable offset would miss every position committed after another
 * source's transaction began, and the source would publish its last batches again. The
 * reader must wait for such a transaction to end, and a relay that starts fences what a
 * dead one left open so that it need not wait long.
 */
@ExtendWith(EmbeddedStackExtension.class)
class CommittedPositionsIntegrationTests {

	private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

	private final EmbeddedStack stack;

	private final String topic = "waybill.positions." + UUID.randomUUID();

	private final OffsetsTopic offsets;

	CommittedPositionsIntegrationTests(EmbeddedStack stack) {
		this.stack = stack;
		this.offsets = new OffsetsTopic(KafkaClients.to(stack.bootstrapServers()), this.topic, TRANSACTION_TIMEOUT);
		this.offsets.ensure();
	}

	@Test
	void aPositionCommittedAfterAnotherSourcesTransactionBeganIsReadOnceThatTransactionEnds() throws Exception {
		try (KafkaProducer<String, String> orders = producer("orders-" + this.topic);
				KafkaProducer<String, String> inventory = producer("inventory-" + this.topic)) {
			commit(orders, "orders", "1");
			inventory.beginTransaction();
			inventory.send(new ProducerRecord<>(this.topic, "inventory", "7")).get();
			commit(orders, "orders", "2");

			CompletableFuture<Map<ByteBuffer, ByteBuffer>> read = CompletableFuture
				.supplyAsync(this.offsets::committedPositions);
			// the read must not end while the position it would miss is hidden from it
			TimeUnit.SECONDS.sleep(2);
			assertThat(read).isNotDone();
			inventory.abortTransaction();

			assertThat(read.get(30, TimeUnit.SECONDS)).containsOnly(entry("orders", "2"));
		}
	}

	@Test
	void aStartingRelayAbortsWhatADeadRelayLeftOpenSoThatReadersGoOn() throws Exception {
		String suffix = UUID.randomUUID().toString();
		RelayProperties relay = RelaySettings.bind(Map.of("sources[0].name", "orders-" + suffix, "sources[1].name",
				"inventory-" + suffix, "sources[1].jdbc-url", "jdbc:postgresql://localhost:5432/inventory",
				"sources[1].username", "relay"));
		try (KafkaProducer<String, String> orders = producer(relay.sources().get(0).transactionalId());
				KafkaProducer<String, String> dead = producer(relay.sources().get(1).transactionalId())) {
			commit(orders, "orders", "1");
			dead.beginTransaction();
			dead.send(new ProducerRecord<>(this.topic, "inventory", "7")).get();
			commit(orders, "orders", "2");

			Publishers
				.kafka(new ProducerSettings(KafkaClients.to(this.stack.bootstrapServers()), true, Duration.ofMinutes(1),
						Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ZERO),
						new Topics("outbox.event.", "dead-letters", this.topic), new SimpleMeterRegistry(), null)
				.fence(relay.sources().get(1));

			Map<ByteBuffer, ByteBuffer> positions = CompletableFuture.supplyAsync(this.offsets::committedPositions)
				.get(30, TimeUnit.SECONDS);
			assertThat(positions).containsOnly(entry("orders", "2"));
		}
	}

	private void commit(KafkaProducer<String, String> producer, String key, String value) throws Exception {
		producer.beginTransaction();
		producer.send(new ProducerRecord<>(this.topic, key, value)).get();
		producer.commitTransaction();
	}

	private KafkaProducer<String, String> producer(String transactionalId) {
		KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.stack.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		producer.initTransactions();
		return producer;
	}

	private static Map.Entry<ByteBuffer, ByteBuffer> entry(String key, String value) {
		return Map.entry(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)),
				ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
	}

}
