package dev.waybill.relay.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch after routing: the records to send, in the batch's order, and what the
 * metrics need once they are committed.
 */
final class RoutedBatch {

	private static final Logger log = LoggerFactory.getLogger(RoutedBatch.class);

	private final List<ProducerRecord<byte[], byte[]>> records;

	private final List<Instant> occurredAt = new ArrayList<>();

	private final Map<String, Long> publishedByTopic = new HashMap<>();

	private int deadLetters;

	RoutedBatch(int capacity) {
		this.records = new ArrayList<>(capacity);
	}

	List<ProducerRecord<byte[], byte[]>> records() {
		return this.records;
	}

	void committed(PublicationMetrics metrics, int changes, Instant committedAt) {
		metrics.batch(changes);
		this.publishedByTopic.forEach(metrics::published);
		for (Instant occurred : this.occurredAt) {
			metrics.acknowledged(occurred, committedAt);
		}
		for (int i = 0; i < this.deadLetters; i++) {
			metrics.deadLettered();
		}
	}

	void add(String source, Routing routing) {
		if (routing instanceof Routing.Event event) {
			this.records.add(event.record());
			this.publishedByTopic.merge(event.record().topic(), 1L, Long::sum);
			if (event.occurredAt() != null) {
				this.occurredAt.add(event.occurredAt());
			}
		}
		else if (routing instanceof Routing.DeadLetter deadLetter) {
			log.warn("Source '{}': outbox row sent to {}: {}", source, deadLetter.record().topic(),
					deadLetter.reason());
			this.records.add(deadLetter.record());
			this.deadLetters++;
		}
	}

}
