package dev.waybill.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.waybill.contract.WireContract;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

import dev.waybill.audit.SystemState.Published;
import dev.waybill.audit.SystemState.Topics;

/**
 * Reads every event topic and the relay's dead-letter topic from the beginning, with
 * {@code isolation.level=read_committed}, up to the end offsets taken when reading
 * starts. Under {@code read_committed} those end offsets are the last stable offsets, so
 * what is read is exactly what a consumer of the system can ever see up to that moment;
 * records of aborted transactions are skipped by the consumer itself.
 */
final class TopicReader {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

	private TopicReader() {
	}

	static Topics read(AuditTarget target) {
		Set<String> topics = topicNames(target);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(target))) {
			List<TopicPartition> partitions = partitions(consumer, topics);
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
			Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, TIMEOUT);
			consumer.seekToBeginning(partitions);
			List<Published> records = readToEnd(consumer, ends);
			records.sort(Comparator.comparing(Published::topic)
				.thenComparingInt(Published::partition)
				.thenComparingLong(Published::offset));
			return topics(records, starts, target);
		}
		catch (org.apache.kafka.common.KafkaException ex) {
			throw new AuditException(
					"Could not read the topics from Kafka at " + target.bootstrapServers() + ": " + ex.getMessage(),
					ex);
		}
	}

	private static Topics topics(List<Published> records, Map<TopicPartition, Long> starts, AuditTarget target) {
		String deadLetters = target.relayDeadLetterTopic();
		return new Topics(records.stream().filter((record) -> !record.topic().equals(deadLetters)).toList(),
				records.stream().filter((record) -> record.topic().equals(deadLetters)).toList(),
				starts.entrySet()
					.stream()
					.filter((start) -> start.getValue() == 0)
					.map((start) -> start.getKey().toString())
					.sorted()
					.toList());
	}

	// the first call to the broker: an unreachable broker fails here, within the
	// target's Kafka timeout rather than the clients' minute
	private static Set<String> topicNames(AuditTarget target) {
		try (Admin admin = Admin.create(adminProperties(target))) {
			return admin.listTopics()
				.names()
				.get(target.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.stream()
				.filter((topic) -> isEventTopic(topic, target) || topic.equals(target.relayDeadLetterTopic()))
				.collect(java.util.stream.Collectors.toSet());
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
				throw unanswered(target, ex);
			}
			throw new AuditException("Could not list the topics of Kafka at " + target.bootstrapServers() + ": "
					+ ((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage()), ex);
		}
		catch (TimeoutException ex) {
			throw unanswered(target, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditException("Interrupted while listing topics", ex);
		}
	}

	private static AuditException unanswered(AuditTarget target, Exception cause) {
		Duration timeout = target.kafkaTimeout();
		String within = (timeout.toMillis() % 1000 == 0) ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
		return new AuditException("Could not list the topics of Kafka at " + target.bootstrapServers() + " within "
				+ within + ": is the broker running?", cause);
	}

	static boolean isEventTopic(String topic, AuditTarget target) {
		return topic.startsWith(target.topicPrefix()) && topic.length() > target.topicPrefix().length()
				&& !topic.endsWith(target.consumerDeadLetterSuffix());
	}

	private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, Set<String> topics) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			for (PartitionInfo partition : consumer.partitionsFor(topic, TIMEOUT)) {
				partitions.add(new TopicPartition(topic, partition.partition()));
			}
		}
		return partitions;
	}

	private static List<Published> readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
		List<Published> records = new ArrayList<>();
		Map<TopicPartition, Long> remaining = new HashMap<>(ends);
		remaining.values().removeIf((end) -> end == 0);
		Instant deadline = Instant.now().plus(READ_TIMEOUT);
		while (!remaining.isEmpty()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AuditException("Could not read " + remaining.keySet() + " to their end offsets within "
						+ READ_TIMEOUT.toMinutes() + " minutes");
			}
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				Long end = ends.get(partition);
				if (end != null && record.offset() < end) {
					records.add(published(record));
				}
			}
			remaining.keySet()
				.removeIf((partition) -> consumer.position(partition, TIMEOUT) >= ends.getOrDefault(partition, 0L));
		}
		return records;
	}

	private static Published published(ConsumerRecord<byte[], byte[]> record) {
		return new Published(record.topic(), record.partition(), record.offset(), text(record.key()),
				header(record, WireContract.HEADER_ID), header(record, WireContract.HEADER_EVENT_TYPE),
				header(record, WireContract.HEADER_AGGREGATE_VERSION), text(record.value()));
	}

	private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? text(header.value()) : null;
	}

	private static @Nullable String text(byte @Nullable [] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static Properties adminProperties(AuditTarget target) {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) target.kafkaTimeout().toMillis());
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) target.kafkaTimeout().toMillis());
		return properties;
	}

	private static Properties consumerProperties(AuditTarget target) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "waybill-auditor");
		return properties;
	}

}
