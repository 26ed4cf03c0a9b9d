package dev.waybill.outbox;

import java.util.UUID;

/**
 * Makes a consumer idempotent: each incoming event id is recorded in the consumer's own
 * database in the same transaction as the event's effect, so that a redelivered event is
 * recognised and skipped.
 *
 * <p>
 * When two deliveries of one event race, the second blocks on the first's uncommitted
 * record; if the first commits, the second is a {@link Receipt#DUPLICATE}, and if it
 * rolls back, the second proceeds as the first delivery.
 *
 * <p>
 * Duplicates are logged at debug level; the caller, which knows the topic and the event
 * type, counts them (outbox-kafka's {@code waybill.inbox.deliveries}, outcome
 * {@code duplicate}).
 */
public interface Inbox {

	/**
	 * Records the event id in the current transaction.
	 * @param eventId the event id (the {@code id} header)
	 * @param eventType the event type, kept for diagnosis
	 * @return {@link Receipt#FIRST} when the caller must apply the effect in this
	 * transaction, {@link Receipt#DUPLICATE} when the event was applied already
	 * @throws NoTransactionException when no transaction is active
	 */
	Receipt receive(UUID eventId, String eventType);

	/**
	 * Applies the effect once: records the id and, on the first delivery only, runs the
	 * effect, all in the current transaction.
	 * @param eventId the event id
	 * @param eventType the event type
	 * @param effect what the event does to the consumer's state
	 * @return whether the effect ran
	 * @throws NoTransactionException when no transaction is active
	 */
	default Receipt process(UUID eventId, String eventType, Runnable effect) {
		Receipt receipt = receive(eventId, eventType);
		if (receipt == Receipt.FIRST) {
			effect.run();
		}
		return receipt;
	}

	/**
	 * What the inbox made of a delivery.
	 */
	enum Receipt {

		/** The event had not been applied: apply it now. */
		FIRST,

		/** The event was applied by an earlier delivery: do nothing. */
		DUPLICATE

	}

}
