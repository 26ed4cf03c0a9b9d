package dev.waybill.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * A {@code read_committed} consumer of every topic matching a pattern, as an outbox
 * consumer must be configured.
 */
public final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	private final Set<String> read = new HashSet<>();

	public TopicReader(String bootstrapServers, String topicPattern) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		this.consumer = new KafkaConsumer<>(config);
		this.consumer.subscribe(Pattern.compile(topicPattern));
	}

	/**
	 * Reads what has arrived since the last call.
	 * @return every record read so far, in arrival order
	 */
	public List<ConsumerRecord<String, String>> poll() {
		for (int i = 0; i < 20; i++) {
			int before = this.records.size();
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
				// a rebalance (a new topic matching the pattern) rewinds to the earliest
				// offset: a record read again at the same offset is not a duplicate
				if (this.read.add(record.topic() + "/" + record.partition() + "/" + record.offset())) {
					this.records.add(record);
				}
			}
			if (this.records.size() == before && i > 0) {
				break;
			}
		}
		return this.records;
	}

	public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
