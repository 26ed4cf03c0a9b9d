package dev.waybill.contract;

/**
 * How the relay reads an outbox table. The relay records it in the capture table beside
 * the outbox ({@link WireContract#CAPTURE_TABLE}) when a source starts, and the cleanup
 * reads it there: a service never has to be told, so the two cannot disagree.
 */
public enum OutboxCapture {

	/**
	 * The relay reads inserts from the write-ahead log (logical decoding). A row is not
	 * needed once committed, so the cleanup may delete it whether or not it is marked
	 * published.
	 */
	LOG,

	/**
	 * The relay selects unpublished rows and marks them published. The cleanup deletes
	 * only rows marked published.
	 */
	POLLING

}
