package dev.waybill.relay.capture;

import java.sql.SQLException;
import java.util.List;

/**
 * The rows a log-capture relay publishes before it streams its slot: those committed
 * before the slot's consistent point and not marked published, as the slot's exported
 * snapshot sees them. They are published as a poller publishes, in sequence, in batches
 * ({@link PolledBatches}): a relay that dies part way leaves the rest unmarked for the
 * next attempt.
 */
final class Backlog {

	private final PolledBatches batches;

	private final int batchSize;

	Backlog(PolledBatches batches, int batchSize) {
		this.batches = batches;
		this.batchSize = batchSize;
	}

	/**
	 * Publishes the rows that are still unpublished among the given ones, in sequence.
	 * @param session the poller's session, which holds the source's polling lock
	 * @param sequenceNumbers the backlog, in sequence
	 * @return how many rows were published
	 */
	long publish(PollingSession session, List<Long> sequenceNumbers) throws SQLException {
		long published = 0;
		for (int from = 0; from < sequenceNumbers.size(); from += this.batchSize) {
			List<Long> slice = sequenceNumbers.subList(from, Math.min(sequenceNumbers.size(), from + this.batchSize));
			published += this.batches.publish(session, (locked) -> locked.lockUnpublished(slice));
		}
		return published;
	}

}
