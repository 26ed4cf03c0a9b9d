package dev.waybill.relay.capture.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import dev.waybill.relay.publish.OutboxRow;
import dev.waybill.relay.publish.Publisher;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.DebeziumEngine.RecordCommitter;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Takes the batches the engine hands over: decodes the outbox rows they insert, has them
 * published together with the offset of the batch's last change (a heartbeat or a skipped
 * change included, so that an idle or filtered stream still moves the slot), and only
 * then marks the batch processed, which lets the engine confirm the position to the slot.
 * After a batch that was not full, the engine's thread lingers before its next poll (see
 * {@link Linger}).
 */
final class ChangeBatches implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>>, AutoCloseable {

	private final Publisher publisher;

	private final EngineOffset offsets;

	private final Linger linger;

	// held while a batch is in flight, so that halt() waits for its commit or abort
	private final ReentrantLock inFlight = new ReentrantLock();

	private volatile boolean halted;

	ChangeBatches(Publisher publisher, EngineOffset offsets, Linger linger) {
		this.publisher = publisher;
		this.offsets = offsets;
		this.linger = linger;
	}

	/**
	 * Opens the publisher, which fences an older relay (see {@link Publisher#open()}).
	 */
	void open() {
		this.publisher.open();
	}

	@Override
	public void handleBatch(List<RecordChangeEvent<SourceRecord>> changes,
			RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
		// outside the batch in flight: a halt does not wait for the linger
		if (publishAndMark(changes, committer) && !this.halted) {
			this.linger.afterCommit(changes.size());
		}
	}

	private boolean publishAndMark(List<RecordChangeEvent<SourceRecord>> changes,
			RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
		this.inFlight.lockInterruptibly();
		try {
			if (this.halted || changes.isEmpty()) {
				// not marked: the engine stops without storing these offsets
				return false;
			}
			List<OutboxRow> rows = new ArrayList<>(changes.size());
			for (RecordChangeEvent<SourceRecord> change : changes) {
				OutboxRow row = ChangeEvents.rowOf(change.record());
				if (row != null) {
					rows.add(row);
				}
			}
			this.linger.transactionStarting();
			this.publisher.publish(rows, this.offsets.of(changes.get(changes.size() - 1).record()));
			for (RecordChangeEvent<SourceRecord> change : changes) {
				committer.markProcessed(change);
			}
			committer.markBatchFinished();
			return true;
		}
		finally {
			this.inFlight.unlock();
		}
	}

	/**
	 * Waits for the batch in flight to finish (commit or abort) and refuses later ones,
	 * so that the engine can be closed without cutting a transaction in half.
	 */
	void halt() {
		this.inFlight.lock();
		try {
			this.halted = true;
		}
		finally {
			this.inFlight.unlock();
		}
	}

	/** Halts, then closes the publisher's producer. */
	@Override
	public void close() {
		halt();
		this.publisher.close();
	}

}
