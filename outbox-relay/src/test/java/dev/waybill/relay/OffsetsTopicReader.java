package dev.waybill.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the offset a source has committed in the relay's offsets topic, as a
 * {@code read_committed} reader sees it.
 */
public final class OffsetsTopicReader {

	private static final ObjectMapper JSON = new ObjectMapper();

	private OffsetsTopicReader() {
	}

	public static @Nullable JsonNode lastOffset(String bootstrapServers, String topic, String engineName) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		String key = "[\"" + engineName + "\",{\"server\":\"" + engineName + "\"}]";
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			String last = null;
			while (partitions.stream()
				.anyMatch((partition) -> consumer.position(partition) < end.getOrDefault(partition, 0L))) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						last = record.value();
					}
				}
			}
			return (last != null) ? JSON.readTree(last) : null;
		}
	}

}
