package dev.waybill.relay.publish;

/**
 * A batch could not be made durable in Kafka; its source stops.
 */
public class PublicationException extends RuntimeException {

	/**
	 * @param message what failed, for which source
	 * @param cause the Kafka error
	 */
	public PublicationException(String message, Throwable cause) {
		super(message, cause);
	}

}
