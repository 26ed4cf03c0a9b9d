package dev.waybill.demo.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.waybill.contract.WireContract;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Watches the order topic and notes when each order's final event was committed: the
 * moment the saga's outcome became visible to the rest of the system.
 */
final class FinalStates implements AutoCloseable {

	private static final Set<String> FINAL_EVENTS = Set.of("OrderConfirmed", "OrderRejected", "OrderCancelled");

	private final Map<String, Long> finalAtNanos = new ConcurrentHashMap<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	FinalStates(String bootstrapServers, String topic) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "waybill-load-" + UUID.randomUUID(),
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"latest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
				new StringDeserializer());
		consumer.subscribe(List.of(topic));
		// join the group before the first order is placed, so
		// that no final event is missed
		while (consumer.assignment().isEmpty()) {
			consumer.poll(Duration.ofMillis(100));
		}
		this.thread = new Thread(() -> consume(consumer), "final-states");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Nullable Long finalAt(String orderId) {
		return this.finalAtNanos.get(orderId);
	}

	int count() {
		return this.finalAtNanos.size();
	}

	private void consume(KafkaConsumer<String, String> consumer) {
		try (consumer) {
			while (this.running.get()) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
					Header type = record.headers().lastHeader(WireContract.HEADER_EVENT_TYPE);
					if (record.key() != null && type != null && FINAL_EVENTS
						.contains(new String(type.value(), java.nio.charset.StandardCharsets.UTF_8))) {
						this.finalAtNanos.putIfAbsent(record.key(), System.nanoTime());
					}
				}
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.thread.join(5000);
	}

}
