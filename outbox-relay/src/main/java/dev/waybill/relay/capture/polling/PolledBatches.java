package dev.waybill.relay.capture.polling;

import java.sql.SQLException;
import java.util.List;

import dev.waybill.relay.publish.Publisher;

/**
 * One batch of outbox rows read from the table, published exactly once: in one database
 * transaction, lock the rows, publish them with a position record naming them (one Kafka
 * transaction in exactly-once mode), mark them published, commit. A relay that dies
 * between the Kafka commit and the database commit leaves that batch unmarked, and the
 * next run marks it from the position record ({@link PollPosition}).
 */
final class PolledBatches {

	/** Locks the rows of a batch within the session's open transaction. */
	@FunctionalInterface
	interface Lock {

		List<PolledRow> rows(PollingSession session) throws SQLException;

	}

	private final Publisher publisher;

	private final PollPosition positions;

	PolledBatches(Publisher publisher, PollPosition positions) {
		this.publisher = publisher;
		this.positions = positions;
	}

	/**
	 * @return how many rows the batch held
	 */
	int publish(PollingSession session, Lock lock) throws SQLException {
		try {
			List<PolledRow> rows = lock.rows(session);
			if (!rows.isEmpty()) {
				List<Long> sequenceNumbers = rows.stream().map(PolledRow::sequenceNumber).toList();
				this.publisher.publish(rows.stream().map(PolledRow::row).toList(), this.positions.of(sequenceNumbers));
				session.markPublished(sequenceNumbers);
			}
			session.commit();
			return rows.size();
		}
		catch (SQLException | RuntimeException ex) {
			session.rollBack();
			throw ex;
		}
	}

}
