package dev.waybill.audit;

/**
 * The audit could not run: a database or the broker is unreachable, a schema is not the
 * services' schema, or the topics could not be read to their end.
 */
public class AuditException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param message what could not be done, and where
	 * @param cause the underlying error
	 */
	public AuditException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * @param message what could not be done, and where
	 */
	public AuditException(String message) {
		super(message);
	}

}
