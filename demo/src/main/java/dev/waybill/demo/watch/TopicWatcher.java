package dev.waybill.demo.watch;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A small console consumer: prints topic, key, headers and payload of every committed
 * event on the outbox topics ({@code read_committed}, as every consumer of the relay must
 * read).
 */
public final class TopicWatcher {

	/** The outbox topics and their dead-letter topics. */
	public static final Pattern TOPICS = Pattern.compile("outbox\\.event\\..*");

	private final String bootstrapServers;

	private final AtomicBoolean running = new AtomicBoolean(true);

	/**
	 * @param bootstrapServers Kafka
	 */
	public TopicWatcher(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Prints events until {@link #stop()}.
	 * @param fromBeginning whether to start at the oldest event rather than the next one
	 * @param out where to print
	 */
	public void watch(boolean fromBeginning, PrintStream out) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "waybill-watch-" + UUID.randomUUID(),
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				fromBeginning ? "earliest" : "latest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
				ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(TOPICS);
			while (this.running.get()) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					out.println(format(record));
				}
			}
		}
	}

	/** Stops watching. */
	public void stop() {
		this.running.set(false);
	}

	static String format(ConsumerRecord<String, String> record) {
		StringJoiner headers = new StringJoiner(", ", "{", "}");
		for (Header header : record.headers()) {
			headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
		}
		return "%s [%d@%d] key=%s headers=%s%n  %s".formatted(record.topic(), record.partition(), record.offset(),
				record.key(), headers, record.value());
	}

}
