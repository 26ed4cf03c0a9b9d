package dev.waybill.outbox.kafka;

/**
 * Thrown for a record that can never be applied, however often it is retried: a missing
 * or malformed header, a payload that is not JSON or fails validation, an event type the
 * consumer does not know. The error handler sends such a record to the dead-letter topic
 * at once, with this exception's message as the reason, and the consumer moves on.
 */
public class PoisonRecordException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message why the record is poison, written to the dead-letter record
	 */
	public PoisonRecordException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message why the record is poison, written to the dead-letter record
	 * @param cause the parsing or validation failure
	 */
	public PoisonRecordException(String message, Throwable cause) {
		super(message, cause);
	}

}
