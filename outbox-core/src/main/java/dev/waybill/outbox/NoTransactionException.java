package dev.waybill.outbox;

/**
 * Thrown when an event is appended, or an incoming event recorded, without an active
 * transaction: on its own the write would not be atomic with the business change.
 */
public class NoTransactionException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was attempted
	 */
	public NoTransactionException(String message) {
		super(message);
	}

}
