package dev.waybill.relay.capture.polling;

import java.sql.SQLException;
import java.util.List;

import dev.waybill.relay.offsets.OffsetsTopic;
import dev.waybill.relay.Source;
import dev.waybill.relay.publish.Publisher;

/**
 * The {@link Handover} on the poller's own session and batches.
 */
final class PollerHandover implements Handover {

	private final PollingSession session;

	private final PolledBatches batches;

	private final int batchSize;

	private PollerHandover(PollingSession session, PolledBatches batches, int batchSize) {
		this.session = session;
		this.batches = batches;
		this.batchSize = batchSize;
	}

	static Handover take(Source source, OffsetsTopic offsets, int maxBatchSize, Publisher publisher)
			throws SQLException {
		PollPosition positions = new PollPosition(source.name(), source.table());
		PollingSession session = JdbcPollingSession.open(source);
		try {
			publisher.open();
			positions.markLastCommitted(session, offsets::committedPosition);
			return new PollerHandover(session, new PolledBatches(publisher, positions), maxBatchSize);
		}
		catch (SQLException | RuntimeException ex) {
			session.close();
			throw ex;
		}
	}

	@Override
	public List<Long> unpublishedIn(String snapshot) throws SQLException {
		return this.session.unpublishedIn(snapshot);
	}

	@Override
	public long publish(List<Long> sequenceNumbers) throws SQLException {
		long published = 0;
		for (int from = 0; from < sequenceNumbers.size(); from += this.batchSize) {
			List<Long> slice = sequenceNumbers.subList(from, Math.min(sequenceNumbers.size(), from + this.batchSize));
			published += this.batches.publish(this.session, (locked) -> locked.lockUnpublished(slice));
		}
		return published;
	}

	@Override
	public void close() {
		this.session.close();
	}

}
