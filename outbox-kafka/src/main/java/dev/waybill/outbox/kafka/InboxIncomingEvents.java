package dev.waybill.outbox.kafka;

import java.util.Locale;

import dev.waybill.contract.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

import dev.waybill.outbox.Inbox;

/**
 * Parses before the transaction, so that a poison record costs no database work; records
 * and applies inside it.
 */
final class InboxIncomingEvents implements IncomingEvents {

	static final String METER = "waybill.inbox.deliveries";

	private static final Logger logger = LoggerFactory.getLogger(InboxIncomingEvents.class);

	private final Inbox inbox;

	private final PayloadReader reader;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	InboxIncomingEvents(Inbox inbox, PayloadReader reader, TransactionTemplate transactions,
			@Nullable MeterRegistry meters) {
		this.inbox = inbox;
		this.reader = reader;
		this.transactions = transactions;
		this.meters = (meters != null) ? meters : new SimpleMeterRegistry();
	}

	@Override
	public Delivery apply(EventEnvelope envelope, EventHandlers handlers) {
		if (handlers.ignores(envelope.eventType())) {
			return count(envelope, Delivery.IGNORED);
		}
		EventHandlers.Handler<?> handler = handlers.handlerFor(envelope.eventType());
		if (handler == null) {
			throw new PoisonRecordException(
					"Unknown event type '" + envelope.eventType() + "' on topic " + envelope.topic());
		}
		Object payload = this.reader.read(envelope, handler.payloadType());
		Inbox.Receipt receipt = this.transactions.execute(
				(status) -> this.inbox.process(envelope.eventId(), envelope.eventType(), () -> handler.apply(payload)));
		if (receipt == Inbox.Receipt.DUPLICATE) {
			logger.info("Skipped duplicate {} {} for {}", envelope.eventType(), envelope.eventId(),
					envelope.aggregateId());
			return count(envelope, Delivery.DUPLICATE);
		}
		return count(envelope, Delivery.APPLIED);
	}

	private Delivery count(EventEnvelope envelope, Delivery delivery) {
		this.meters
			.counter(METER, "topic", envelope.topic(), "type", envelope.eventType(), "outcome",
					delivery.name().toLowerCase(Locale.ROOT))
			.increment();
		return delivery;
	}

}
