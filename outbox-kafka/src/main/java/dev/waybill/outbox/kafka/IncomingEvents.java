package dev.waybill.outbox.kafka;

import dev.waybill.contract.EventEnvelope;

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

}
