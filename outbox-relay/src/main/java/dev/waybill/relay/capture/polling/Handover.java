package dev.waybill.relay.capture.polling;

import java.sql.SQLException;
import java.util.List;

import dev.waybill.relay.offsets.OffsetsTopic;
import dev.waybill.relay.Source;
import dev.waybill.relay.publish.Publisher;

/**
 * The poller's hold on a source's outbox table, for log capture taking the table over: it
 * holds the polling lock (no poller runs while the boundary moves), has marked the last
 * batch a poller committed in Kafka, and publishes the rows a snapshot sees unmarked, as
 * a poller would, in sequence and in batches.
 */
public interface Handover extends AutoCloseable {

	/**
	 * @param snapshot the name of an exported snapshot
	 * @return the sequence numbers of the rows not marked published as the snapshot sees
	 * them, in sequence
	 */
	List<Long> unpublishedIn(String snapshot) throws SQLException;

	/**
	 * Publishes those of the rows that are still unpublished, in sequence, in batches of
	 * {@code max-batch-size}, and marks them published; a relay that dies part way leaves
	 * the rest for the next attempt.
	 * @param sequenceNumbers the rows, in sequence
	 * @return how many rows were published
	 */
	long publish(List<Long> sequenceNumbers) throws SQLException;

	/** Releases the polling lock. */
	@Override
	void close();

	/**
	 * Takes the polling lock, opens the publisher (which fences an older relay) and marks
	 * the rows of the last batch a poller committed in Kafka.
	 * @param source the source
	 * @param offsets where the poller's last batch was committed
	 * @param maxBatchSize the most rows one batch publishes
	 * @param publisher the publisher to publish through; its owner closes it
	 * @return the hold
	 * @throws IllegalStateException when another poller holds the lock
	 */
	static Handover take(Source source, OffsetsTopic offsets, int maxBatchSize, Publisher publisher)
			throws SQLException {
		return PollerHandover.take(source, offsets, maxBatchSize, publisher);
	}

}
