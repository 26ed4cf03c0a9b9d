package dev.waybill.relay.capture;

/**
 * A source or the broker is not usable as configured; the message says which and what to
 * do about it.
 */
public class PreflightException extends RuntimeException {

	/**
	 * @param message what is wrong and how to fix it
	 */
	public PreflightException(String message) {
		super(message);
	}

	/**
	 * @param message what is wrong and how to fix it
	 * @param cause the underlying error
	 */
	public PreflightException(String message, Throwable cause) {
		super(message, cause);
	}

}
