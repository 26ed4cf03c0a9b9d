package dev.waybill.relay.publish;

import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * What becomes of one outbox row: published, or sent to the dead-letter topic.
 */
sealed interface Routing {

	/**
	 * An outbox event bound for its aggregate type's topic.
	 *
	 * @param record the Kafka record
	 * @param occurredAt when the event happened, if the row says so
	 */
	record Event(ProducerRecord<byte[], byte[]> record, @Nullable Instant occurredAt) implements Routing {
	}

	/**
	 * A row that cannot be routed, bound for the dead-letter topic.
	 *
	 * @param record the Kafka record
	 * @param reason why it cannot be routed
	 */
	record DeadLetter(ProducerRecord<byte[], byte[]> record, String reason) implements Routing {
	}

}
