package dev.waybill.outbox.kafka;

import dev.waybill.contract.EventEnvelope;
import org.jspecify.annotations.Nullable;

import dev.waybill.outbox.Inbox;

/**
 * An event read and validated before its transaction, with the handler that applies it,
 * or none when the consumer ignores its type.
 *
 * @param envelope the event
 * @param handler the handler, {@code null} for an ignored type
 * @param payload the payload read into the handler's record, {@code null} for an ignored
 * type
 */
record ReadEvent(EventEnvelope envelope, EventHandlers.@Nullable Handler<?> handler, @Nullable Object payload) {

	static ReadEvent read(EventEnvelope envelope, EventHandlers handlers, PayloadReader reader) {
		if (handlers.ignores(envelope.eventType())) {
			return new ReadEvent(envelope, null, null);
		}
		EventHandlers.Handler<?> handler = handlers.handlerFor(envelope.eventType());
		if (handler == null) {
			throw new PoisonRecordException(
					"Unknown event type '" + envelope.eventType() + "' on topic " + envelope.topic());
		}
		return new ReadEvent(envelope, handler, reader.read(envelope, handler.payloadType()));
	}

	boolean ignored() {
		return this.handler == null;
	}

	/**
	 * Records the event in the inbox and, on its first delivery, runs its effect, in the
	 * current transaction.
	 * @param inbox the consumer's inbox
	 * @return what became of the delivery
	 */
	Delivery applyTo(Inbox inbox) {
		EventHandlers.Handler<?> effect = this.handler;
		Object read = this.payload;
		if (effect == null || read == null) {
			return Delivery.IGNORED;
		}
		Inbox.Receipt receipt = inbox.process(this.envelope.eventId(), this.envelope.eventType(),
				() -> effect.apply(read));
		return (receipt == Inbox.Receipt.DUPLICATE) ? Delivery.DUPLICATE : Delivery.APPLIED;
	}

}
