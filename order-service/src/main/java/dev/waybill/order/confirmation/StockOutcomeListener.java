package dev.waybill.order.confirmation;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

import dev.waybill.outbox.kafka.EventHandlers;
import dev.waybill.outbox.kafka.IncomingEvents;
import dev.waybill.outbox.kafka.OutboxListener;

/**
 * Reads inventory's reservation outcomes, a poll's worth at a time in one database
 * transaction. The container commits the offsets after this method returned, that is
 * after the database transaction committed.
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

	@OutboxListener(id = "order-stock-outcomes", idIsGroup = false, topics = "${waybill.order.topic-prefix}reservation",
			batch = "true")
	void on(List<ConsumerRecord<String, String>> records) {
		this.events.applyAll(records, this.handlers);
	}

}
