package dev.waybill.examples.shipping;

import dev.waybill.outbox.kafka.EventHandlers;
import dev.waybill.outbox.kafka.IncomingEvents;
import dev.waybill.outbox.kafka.OutboxListener;
import dev.waybill.outbox.kafka.OutboxRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

/**
 * Applies order-service's events once each: a redelivered OrderConfirmed finds its inbox
 * row and schedules nothing.
 */
@Component
class OrderEventListener {

	private final IncomingEvents events;

	private final EventHandlers handlers;

	OrderEventListener(IncomingEvents events, Shipments shipments) {
		this.events = events;
		this.handlers = EventHandlers.builder()
			.on("OrderConfirmed", OrderConfirmed.class, shipments::schedule)
			.ignore("OrderPlaced", "OrderRejected", "OrderCancelled")
			.build();
	}

	@OutboxListener(topics = "${shipping.topic-prefix}order")
	void on(ConsumerRecord<String, String> record) {
		this.events.apply(OutboxRecords.envelope(record), this.handlers);
	}

}
