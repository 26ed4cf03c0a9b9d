package dev.waybill.outbox;

/**
 * Appends events to the outbox table inside the caller's current transaction, so that
 * they commit, or roll back, with the business rows written in it.
 *
 * <p>
 * There must be an active Spring-managed transaction on the {@code DataSource} the writer
 * uses; otherwise {@link #append(OutgoingEvent)} throws {@link NoTransactionException}
 * and writes nothing. An event written on its own would be the dual write this library
 * exists to avoid.
 */
public interface OutboxWriter {

	/**
	 * Appends one event to the outbox in the current transaction.
	 * @param event the event to append
	 * @return the event as stored, with its id, time and trace context
	 * @throws NoTransactionException when no transaction is active
	 */
	OutboxEvent append(OutgoingEvent event);

}
