package dev.waybill.contract;

/**
 * A record does not carry an outbox event as the wire contract says: a header, the key or
 * the value is missing or malformed. Retrying cannot help.
 */
public class MalformedEventException extends RuntimeException {

	/**
	 * @param message which record, and what is wrong with it
	 */
	public MalformedEventException(String message) {
		super(message);
	}

	/**
	 * @param message which record, and what is wrong with it
	 * @param cause the parsing error
	 */
	public MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
