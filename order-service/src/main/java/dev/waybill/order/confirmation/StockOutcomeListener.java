package dev.waybill.order.confirmation;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

import dev.waybill.outbox.kafka.OutboxRecords;
import dev.waybill.outbox.kafka.EventHandlers;
import dev.waybill.outbox.kafka.IncomingEvents;
import dev.waybill.outbox.kafka.OutboxListener;

/**
 * Reads inventory's reservation outcomes. The container commits the offset after this
 * method returned, that is after the database transaction committed.
 */
@Component
final class StockOutcomeListener {

	private final IncomingEvents events;

	private final EventHandlers handlers;

	StockOutcomeListener(IncomingEvents events, OrderConfirmation confirmation) {
		this.events = events;
		this.handlers = EventHandlers.builder()
			.on("StockReserved", StockReserved.class, confirmation::confirm)
			.on("StockRejected", StockRejected.class, confirmation::reject)
			.ignore("StockReleased")
			.build();
	}

	@OutboxListener(id = "order-stock-outcomes", idIsGroup = false, topics = "${waybill.order.topic-prefix}reservation")
	void on(ConsumerRecord<String, String> record) {
		this.events.apply(OutboxRecords.envelope(record), this.handlers);
	}

}
