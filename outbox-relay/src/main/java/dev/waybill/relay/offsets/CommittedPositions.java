package dev.waybill.relay.offsets;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.waybill.relay.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Reads the offsets topic as it stands once every transaction open on it has ended: the
 * last committed position of each source.
 *
 * <p>
 * A {@code read_committed} consumer sees a partition only up to its last stable offset,
 * the first record of the oldest transaction still open. All sources of a relay share the
 * topic's partition, so one source's open transaction (a batch in flight, or one left by
 * a relay killed a moment ago) hides every position committed after it began, the reading
 * source's own included; a source that resumed from such an older position would publish
 * its last batches again. The reader therefore notes where the log ends, written or not,
 * and reads until its position passes that end: every transaction open at that moment has
 * then committed or been aborted, by its producer, by a producer that fenced it, or by
 * the broker once its {@code transaction.timeout.ms} expired.
 */
final class CommittedPositions {

	private static final Duration POLL = Duration.ofMillis(200);

	// beyond the transaction timeout: the broker aborts a forgotten transaction only then
	private static final Duration MARGIN = Duration.ofSeconds(30);

	private CommittedPositions() {
	}

	static Map<ByteBuffer, ByteBuffer> read(OffsetsTopic offsets) {
		KafkaClients clients = offsets.clients();
		String topic = offsets.name();
		Duration patience = offsets.transactionTimeout().plus(MARGIN);
		Map<TopicPartition, Long> end = logEnd(clients, topic, patience);
		Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumerFor(true))) {
			consumer.assign(end.keySet());
			consumer.seekToBeginning(end.keySet());
			long deadline = System.nanoTime() + patience.toNanos();
			while (!passed(consumer, end)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Reading offsets topic " + topic + " timed out after " + patience
							+ ": a transaction on it stayed open longer than the transaction timeout");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
					remember(values, record.key(), record.value());
				}
			}
		}
		return values;
	}

	// the high watermark: what a read_uncommitted consumer would read up to
	private static Map<TopicPartition, Long> logEnd(KafkaClients clients, String topic, Duration timeout) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumerFor(false))) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			return consumer.endOffsets(partitions, timeout);
		}
	}

	private static boolean passed(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
			if (consumer.position(entry.getKey()) < entry.getValue()) {
				return false;
			}
		}
		return true;
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

}
