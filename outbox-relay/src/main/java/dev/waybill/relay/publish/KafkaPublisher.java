package dev.waybill.relay.publish;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.debezium.engine.DebeziumEngine.RecordCommitter;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Routes each batch, has the {@link Sender} make it durable together with the offset of
 * the batch's last change (a heartbeat or a skipped change included, so an idle or
 * filtered stream still moves the slot), and only then marks it processed.
 */
final class KafkaPublisher implements Publisher {

	private final String source;

	private final Sender sender;

	private final OutboxRouter router;

	private final OffsetRecords offsets;

	private final PublicationMetrics metrics;

	// held while a batch is in flight, so that halt() waits for its commit or abort
	private final ReentrantLock inFlight = new ReentrantLock();

	private volatile boolean halted;

	KafkaPublisher(String source, Sender sender, OutboxRouter router, OffsetRecords offsets,
			PublicationMetrics metrics) {
		this.source = source;
		this.sender = sender;
		this.router = router;
		this.offsets = offsets;
		this.metrics = metrics;
	}

	@Override
	public void open() {
		this.sender.open();
	}

	@Override
	public void handleBatch(List<RecordChangeEvent<SourceRecord>> changes,
			RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
		this.inFlight.lockInterruptibly();
		try {
			if (this.halted || changes.isEmpty()) {
				// not marked: the engine stops without storing these offsets
				return;
			}
			RoutedBatch batch = RoutedBatch.route(this.source, changes, this.router);
			SourceRecord last = changes.get(changes.size() - 1).record();
			send(batch, last, changes.size());
			batch.committed(this.metrics, changes.size(), Instant.now());
			for (RecordChangeEvent<SourceRecord> change : changes) {
				committer.markProcessed(change);
			}
			committer.markBatchFinished();
		}
		finally {
			this.inFlight.unlock();
		}
	}

	@Override
	public void halt() {
		this.inFlight.lock();
		try {
			this.halted = true;
		}
		finally {
			this.inFlight.unlock();
		}
	}

	@Override
	public void close() {
		halt();
		this.sender.close();
	}

	private void send(RoutedBatch batch, SourceRecord last, int changes) {
		try {
			this.sender.send(batch.records(), this.offsets.of(last));
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			throw new PublicationException(
					"Source '" + this.source + "': publishing a batch of " + changes
							+ " change events failed; the source restarts and resumes after its last committed offset",
					ex);
		}
	}

}
