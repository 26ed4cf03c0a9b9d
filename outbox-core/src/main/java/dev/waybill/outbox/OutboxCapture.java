package dev.waybill.outbox;

/**
 * How the relay reads this outbox, which decides what the cleanup may delete.
 *
 * <p>
 * The relay is configured to match ({@code waybill.relay.capture}): a service that says
 * {@link #POLLING} keeps every row until the relay has marked it published.
 */
public enum OutboxCapture {

	/**
	 * The relay reads inserts from the write-ahead log (logical decoding). Rows are not
	 * needed once committed, so any cleanup is safe.
	 */
	LOG,

	/**
	 * The relay selects unpublished rows and marks them published. The retention cleanup
	 * deletes only rows marked published, and {@link OutboxCleanup#DELETE_AFTER_INSERT}
	 * is refused: the relay would never see a row.
	 */
	POLLING

}
