package dev.waybill.outbox.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.waybill.contract.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

import dev.waybill.outbox.Inbox;

/**
 * Parses before the transaction, so that a poison record costs no database work; records
 * and applies inside it.
 */
final class InboxIncomingEvents implements IncomingEvents {

	private final Inbox inbox;

	private final PayloadReader reader;

	private final TransactionTemplate transactions;

	private final DeliveryOutcomes outcomes;

	private final EventBatch batch;

	InboxIncomingEvents(Inbox inbox, PayloadReader reader, TransactionTemplate transactions,
			@Nullable MeterRegistry meters, boolean sharedBatchTransaction) {
		this.inbox = inbox;
		this.reader = reader;
		this.transactions = transactions;
		this.outcomes = new DeliveryOutcomes((meters != null) ? meters : new SimpleMeterRegistry());
		this.batch = new EventBatch(inbox, transactions, this.outcomes, sharedBatchTransaction);
	}

	@Override
	public Delivery apply(EventEnvelope envelope, EventHandlers handlers) {
		ReadEvent event = ReadEvent.read(envelope, handlers, this.reader);
		if (event.ignored()) {
			return this.outcomes.record(envelope, Delivery.IGNORED);
		}
		Delivery delivery = Objects.requireNonNull(this.transactions.execute((status) -> event.applyTo(this.inbox)));
		return this.outcomes.record(envelope, delivery);
	}

	// a poison record ends the batch where it is: the records before it are applied,
	// then it goes to the error handler, which dead-letters it
	@Override
	public List<Delivery> applyAll(List<ConsumerRecord<String, String>> records, EventHandlers handlers) {
		List<ReadEvent> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			try {
				events.add(ReadEvent.read(OutboxRecords.envelope(record), handlers, this.reader));
			}
			catch (PoisonRecordException ex) {
				this.batch.apply(records, events, handlers);
				throw EventBatch.failed(record, ex);
			}
		}
		return this.batch.apply(records, events, handlers);
	}

}
