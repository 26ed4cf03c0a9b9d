package dev.waybill.relay.capture;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.jspecify.annotations.Nullable;

/**
 * The offsets topic: created when missing (one partition, compacted, so that the last
 * position per source is kept forever and read back quickly), and read back with
 * {@code read_committed}, so that only positions of committed batches count.
 */
final class OffsetsTopic {

	private static final long TIMEOUT_SECONDS = 30;

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private OffsetsTopic() {
	}

	static void ensure(String bootstrapServers, String topic) {
		NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(compacted)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new PreflightException("Cannot create the offsets topic '" + topic + "': "
						+ String.valueOf(ex.getCause()) + "; create it with cleanup.policy=compact", ex);
			}
		}
		catch (TimeoutException ex) {
			throw new PreflightException("Creating the offsets topic '" + topic + "' timed out", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PreflightException("Interrupted while creating the offsets topic '" + topic + "'", ex);
		}
	}

	/**
	 * Reads the whole topic with {@code read_committed}, up to its end.
	 * @return the last committed value of each key
	 * @throws ConnectException when the topic cannot be read within a minute
	 */
	static Map<ByteBuffer, ByteBuffer> readCommitted(String bootstrapServers, String topic) {
		Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (!reachedEnd(consumer, end)) {
				if (System.nanoTime() > deadline) {
					throw new ConnectException("Reading offsets topic " + topic + " timed out");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					remember(values, record.key(), record.value());
				}
			}
		}
		return values;
	}

	private static void remember(Map<ByteBuffer, ByteBuffer> values, byte @Nullable [] key, byte @Nullable [] value) {
		if (key == null) {
			return;
		}
		if (value == null) {
			values.remove(ByteBuffer.wrap(key));
		}
		else {
			values.put(ByteBuffer.wrap(key), ByteBuffer.wrap(value));
		}
	}

	private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
			if (consumer.position(entry.getKey()) < entry.getValue()) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, Object> consumerProperties(String bootstrapServers) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
	}

}
