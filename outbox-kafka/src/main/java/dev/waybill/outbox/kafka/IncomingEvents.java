package dev.waybill.outbox.kafka;

import java.util.List;

import dev.waybill.contract.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies incoming events exactly once in effect.
 *
 * <p>
 * For each envelope it picks the handler for the event type, reads the JSON payload into
 * the handler's record and validates it (Bean Validation) before touching the database;
 * then, in one transaction, it records the event id in the
 * {@link dev.waybill.outbox.Inbox} and, on the first delivery only, runs the effect. Any
 * events the effect appends with {@link dev.waybill.outbox.OutboxWriter} commit in that
 * same transaction. Call it from an {@link OutboxListener}: the listener returns only
 * after the transaction committed, and the container commits the Kafka offset after that,
 * so a crash in between redelivers an event the inbox then reports as a duplicate.
 *
 * <p>
 * A batch listener ({@code @OutboxListener(batch = "true")}) hands the records of one
 * poll to {@link #applyAll}, which applies them in one transaction and so pays for one
 * commit, and the container for one offset commit, where a record listener pays for one
 * transaction per event.
 */
public interface IncomingEvents {

	/**
	 * Applies one event.
	 * @param envelope the event
	 * @param handlers the consumer's handlers for the envelope's topic
	 * @return what became of the delivery
	 * @throws PoisonRecordException when the event type is unknown, or the payload is not
	 * valid JSON or fails validation
	 */
	Delivery apply(EventEnvelope envelope, EventHandlers handlers);

	/**
	 * Applies the records of one poll, in their order, in one database transaction
	 * (unless {@code waybill.outbox.kafka.batch.shared-transaction} is false, when each
	 * has its own).
	 *
	 * <p>
	 * A record that cannot be applied splits the batch: the records before it are applied
	 * in a transaction of their own, and a
	 * {@link org.springframework.kafka.listener.BatchListenerFailedException} names the
	 * failed record to the outbox's error handler, which commits the offsets before it,
	 * then retries or dead-letters that record exactly as for a record listener, and
	 * redelivers the records after it. A record's effects are therefore never applied
	 * twice, and the records of one partition, and so of one key, stay in their order.
	 * @param records the records of one poll, as the container passes them
	 * @param handlers the consumer's handlers for the records' topics
	 * @return what became of each record, in the records' order
	 * @throws org.springframework.kafka.listener.BatchListenerFailedException when a
	 * record is poison or its effect failed, after the records before it were applied
	 */
	List<Delivery> applyAll(List<ConsumerRecord<String, String>> records, EventHandlers handlers);

}
