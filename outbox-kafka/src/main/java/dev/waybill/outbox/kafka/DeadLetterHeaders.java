package dev.waybill.outbox.kafka;

/**
 * Headers a dead-letter record carries besides Spring Kafka's standard
 * {@code kafka_dlt-*} headers (original topic, partition, offset, exception class and
 * message).
 */
public final class DeadLetterHeaders {

	/**
	 * Header: why the record was dead-lettered, in one line of text (the root cause's
	 * message).
	 */
	public static final String REASON = "dlt-reason";

	private DeadLetterHeaders() {
	}

}
