package dev.waybill.relay.capture.polling;

import java.sql.SQLException;
import java.util.List;

/**
 * The poller's own database session on a source: it holds the advisory lock that makes it
 * the only poller of the outbox table, and reads and marks rows in transactions of its
 * own ({@link JdbcPollingSession}). Closing it releases the lock.
 */
interface PollingSession extends AutoCloseable {

	/**
	 * Locks the oldest unpublished rows, in sequence, within the open transaction.
	 * @param limit the most rows to lock
	 * @return the rows
	 */
	List<PolledRow> lockUnpublished(int limit) throws SQLException;

	/**
	 * Locks those of the rows that are still unpublished, in sequence, within the open
	 * transaction.
	 * @param sequenceNumbers the rows
	 * @return those still unpublished
	 */
	List<PolledRow> lockUnpublished(List<Long> sequenceNumbers) throws SQLException;

	/**
	 * Reads which rows are not marked published as an exported snapshot sees them, in a
	 * transaction of its own.
	 * @param snapshot the snapshot's name
	 * @return their sequence numbers, in sequence
	 */
	List<Long> unpublishedIn(String snapshot) throws SQLException;

	/**
	 * Marks rows published within the open transaction.
	 * @param sequenceNumbers the rows
	 * @return how many rows were not marked yet
	 */
	int markPublished(List<Long> sequenceNumbers) throws SQLException;

	/** Commits the open transaction. */
	void commit() throws SQLException;

	/** Rolls the open transaction back; a connection already gone was rolled back. */
	void rollBack();

	@Override
	void close();

}
