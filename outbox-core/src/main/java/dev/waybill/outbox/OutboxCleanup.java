package dev.waybill.outbox;

/**
 * How the outbox table is kept from growing without bound.
 *
 * <p>
 * The default is {@link #RETENTION}: rows stay for a while (an hour unless configured)
 * and a background job deletes older ones in small batches. The rows being there for a
 * while is what a polling relay, a consistency audit between the outbox and the topic, or
 * a person diagnosing an incident needs, and the table still stays bounded by the write
 * rate times the retention. {@link #DELETE_AFTER_INSERT} is the leanest choice when the
 * only reader is a change-data-capture relay: the insert is in the write-ahead log, which
 * is all the relay reads, so the row itself can go in the same transaction.
 */
public enum OutboxCleanup {

	/**
	 * Nothing is deleted; the table grows with every event. For tests, or when something
	 * else (a partition drop, an external job) removes rows.
	 */
	NONE,

	/**
	 * The writer deletes each row right after inserting it, in the same transaction, once
	 * a log-reading relay is recorded for the table: the table is empty between
	 * transactions. Until then, or with a polling relay, rows stay, and nothing deletes
	 * them: this mode is for log capture only.
	 */
	DELETE_AFTER_INSERT,

	/**
	 * A background job deletes rows older than the retention period, in bounded batches.
	 */
	RETENTION

}
