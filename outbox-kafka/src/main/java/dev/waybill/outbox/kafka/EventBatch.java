package dev.waybill.outbox.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.waybill.outbox.Inbox;

/**
 * Applies the events of one poll in as few transactions as their failures allow.
 *
 * <p>
 * Shared, all go in one transaction. When the effect of one of them fails, the
 * transaction rolls back and the events before the failed one are applied again in a
 * transaction of their own, so that none of them waits for the failed one's retries; the
 * failed one is then named to the error handler, which commits the offsets before it and
 * retries or dead-letters it as it would a record listener's. A failure outside any
 * effect (the database unreachable, the commit refused) names the first record, and the
 * whole batch is retried.
 *
 * <p>
 * A shared transaction holds the locks of all its effects to its end, so two consumers'
 * batches that lock the same rows in different orders can deadlock, even where each
 * effect alone locks in a safe order. The transaction PostgreSQL aborts for it, or one
 * refused a lock, is applied again one event per transaction, which holds one effect's
 * locks at a time. Not shared, each event always has its own transaction, as with a
 * record listener.
 */
final class EventBatch {

	private static final Logger logger = LoggerFactory.getLogger(IncomingEvents.class);

	private final Inbox inbox;

	private final TransactionTemplate transactions;

	private final DeliveryOutcomes outcomes;

	private final boolean shared;

	EventBatch(Inbox inbox, TransactionTemplate transactions, DeliveryOutcomes outcomes, boolean shared) {
		this.inbox = inbox;
		this.transactions = transactions;
		this.outcomes = outcomes;
		this.shared = shared;
	}

	/**
	 * @param records the records of the poll
	 * @param events the events read from the first of them, in the same order
	 * @return what became of each event
	 * @throws BatchListenerFailedException naming the first record not applied, once the
	 * ones before it committed
	 */
	List<Delivery> apply(List<? extends ConsumerRecord<?, ?>> records, List<ReadEvent> events, EventHandlers handlers) {
		if (events.isEmpty()) {
			return List.of();
		}
		return this.shared ? applyTogether(records, events, handlers) : applyEach(records, events);
	}

	private List<Delivery> applyTogether(List<? extends ConsumerRecord<?, ?>> records, List<ReadEvent> events,
			EventHandlers handlers) {
		int end = events.size();
		RuntimeException failure = null;
		while (end > 0) {
			List<ReadEvent> applied = events.subList(0, end);
			Cursor cursor = new Cursor();
			List<Delivery> deliveries;
			try {
				deliveries = commitTogether(applied, handlers, cursor);
			}
			catch (RuntimeException ex) {
				if (cursor.at < 0) {
					throw failed(records.get(0), ex);
				}
				if (!LockConflicts.lost(ex)) {
					logSplit(records.get(cursor.at), end, cursor.at, ex);
					end = cursor.at;
					failure = ex;
					continue;
				}
				this.outcomes.batchSplit("lock-conflict");
				logger.info("A batch of {} lost a lock conflict with another transaction ({}); applying its records"
						+ " one per transaction", end, ex.toString());
				deliveries = applyEach(records, applied);
			}
			if (failure != null) {
				throw failed(records.get(end), failure);
			}
			return deliveries;
		}
		throw failed(records.get(0), Objects.requireNonNull(failure));
	}

	private List<Delivery> commitTogether(List<ReadEvent> events, EventHandlers handlers, Cursor cursor) {
		List<Delivery> deliveries = Objects
			.requireNonNull(this.transactions.execute((status) -> applyInTransaction(events, handlers, cursor)));
		recordOutcomes(events, deliveries);
		this.outcomes.batchCommitted(events.size());
		return deliveries;
	}

	private void logSplit(ConsumerRecord<?, ?> failed, int batch, int before, RuntimeException ex) {
		this.outcomes.batchSplit("failed-event");
		logger.info("{} failed in a batch of {} ({}); applying the {} records before it on their own", describe(failed),
				batch, ex.toString(), before);
	}

	private List<Delivery> applyInTransaction(List<ReadEvent> events, EventHandlers handlers, Cursor cursor) {
		handlers.prepareBatch(events);
		List<Delivery> deliveries = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			cursor.at = i;
			deliveries.add(events.get(i).applyTo(this.inbox));
		}
		// what fails from here on is the commit, no one event's effect
		cursor.at = -1;
		return deliveries;
	}

	private List<Delivery> applyEach(List<? extends ConsumerRecord<?, ?>> records, List<ReadEvent> events) {
		List<Delivery> deliveries = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			ReadEvent event = events.get(i);
			try {
				Delivery delivery = Objects
					.requireNonNull(this.transactions.execute((status) -> event.applyTo(this.inbox)));
				deliveries.add(this.outcomes.record(event.envelope(), delivery));
			}
			catch (RuntimeException ex) {
				throw failed(records.get(i), ex);
			}
		}
		return deliveries;
	}

	private void recordOutcomes(List<ReadEvent> events, List<Delivery> deliveries) {
		for (int i = 0; i < events.size(); i++) {
			this.outcomes.record(events.get(i).envelope(), deliveries.get(i));
		}
	}

	static BatchListenerFailedException failed(ConsumerRecord<?, ?> record, RuntimeException cause) {
		return new BatchListenerFailedException(describe(record) + " was not applied: " + cause.getMessage(), cause,
				record);
	}

	private static String describe(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	// which event's effect was running when the transaction failed; -1 outside them
	private static final class Cursor {

		private int at = -1;

	}

}
