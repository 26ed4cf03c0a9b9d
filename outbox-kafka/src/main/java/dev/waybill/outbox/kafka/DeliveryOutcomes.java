package dev.waybill.outbox.kafka;

import java.util.Locale;

import dev.waybill.contract.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what became of each delivery once its transaction committed ({@value #METER}),
 * and logs duplicates; for batch listeners, how many events each shared transaction
 * committed ({@value #BATCH_SIZE}) and why batches were cut ({@value #BATCH_SPLITS}).
 */
final class DeliveryOutcomes {

	static final String METER = "waybill.inbox.deliveries";

	static final String BATCH_SIZE = "waybill.inbox.batch.size";

	static final String BATCH_SPLITS = "waybill.inbox.batch.splits";

	private static final Logger logger = LoggerFactory.getLogger(IncomingEvents.class);

	private final MeterRegistry meters;

	DeliveryOutcomes(MeterRegistry meters) {
		this.meters = meters;
	}

	Delivery record(EventEnvelope envelope, Delivery delivery) {
		if (delivery == Delivery.DUPLICATE) {
			logger.info("Skipped duplicate {} {} for {}", envelope.eventType(), envelope.eventId(),
					envelope.aggregateId());
		}
		this.meters
			.counter(METER, "topic", envelope.topic(), "type", envelope.eventType(), "outcome",
					delivery.name().toLowerCase(Locale.ROOT))
			.increment();
		return delivery;
	}

	void batchCommitted(int events) {
		this.meters.summary(BATCH_SIZE).record(events);
	}

	/**
	 * @param reason {@code failed-event} when an event's effect failed and the batch was
	 * cut before it, {@code lock-conflict} when the batch lost a lock conflict and was
	 * applied one event per transaction
	 */
	void batchSplit(String reason) {
		this.meters.counter(BATCH_SPLITS, "reason", reason).increment();
	}

}
