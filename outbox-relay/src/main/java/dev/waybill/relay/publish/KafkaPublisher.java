package dev.waybill.relay.publish;

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

	private final KafkaRowPublisher delivery;

	private final OffsetRecords offsets;

	// held while a batch is in flight, so that halt() waits for its commit or abort
	private final ReentrantLock inFlight = new ReentrantLock();

	private volatile boolean halted;

	KafkaPublisher(KafkaRowPublisher delivery, OffsetRecords offsets) {
		this.delivery = delivery;
		this.offsets = offsets;
	}

	@Override
	public void open() {
		this.delivery.open();
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
			SourceRecord last = changes.get(changes.size() - 1).record();
			this.delivery.publishChanges(changes, this.offsets.of(last));
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
		this.delivery.close();
	}

}
