package dev.waybill.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * What a {@code read_committed} consumer reading the whole data topic sees of the numbers
 * {@code 0} to {@code written - 1}.
 *
 * @param written the writer's committed position: every number below it was committed
 * @param read records read
 * @param distinct numbers below {@code written} read at least once
 * @param twice numbers read more than once
 * @param missing numbers below {@code written} never read
 * @param beyond records whose number is not below {@code written}
 * @param examples up to ten numbers read more than once, with where each copy was
 */
record NumberTally(long written, long read, long distinct, long twice, long missing, long beyond,
		List<String> examples) {

	static NumberTally read(String bootstrapServers, String topic, int partitions, long written) {
		int[] seen = new int[Math.toIntExact(written)];
		long[] firstOffset = new long[seen.length];
		List<String> examples = new ArrayList<>();
		long[] read = new long[2];
		List<TopicPartition> assigned = new ArrayList<>();
		for (int partition = 0; partition < partitions; partition++) {
			assigned.add(new TopicPartition(topic, partition));
		}
		Map<String, Object> config = PositionedWriter.readCommitted(bootstrapServers, Duration.ofSeconds(60));
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.assign(assigned);
			consumer.seekToBeginning(assigned);
			Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
			await().atMost(Duration.ofMinutes(5)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					long number = Long.parseLong(record.value());
					read[0]++;
					if (number < written) {
						int index = (int) number;
						if (seen[index]++ == 0) {
							firstOffset[index] = record.offset();
						}
						else if (examples.size() < 10) {
							examples.add(number + " at " + topic + "-" + record.partition() + " offsets "
									+ firstOffset[index] + " and " + record.offset());
						}
					}
					else {
						read[1]++;
					}
				}
				return assigned.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
			});
		}
		return tally(seen, read[0], read[1], examples);
	}

	private static NumberTally tally(int[] seen, long read, long beyond, List<String> examples) {
		long distinct = 0;
		long twice = 0;
		for (int number = 0; number < seen.length; number++) {
			if (seen[number] > 0) {
				distinct++;
			}
			if (seen[number] > 1) {
				twice++;
			}
		}
		return new NumberTally(seen.length, read, distinct, twice, seen.length - distinct, beyond,
				List.copyOf(examples));
	}

}
