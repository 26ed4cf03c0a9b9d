package dev.waybill.inventory.reservation;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

import dev.waybill.outbox.kafka.EventHandlers;
import dev.waybill.outbox.kafka.IncomingEvents;
import dev.waybill.outbox.kafka.OutboxListener;

/**
 * Reads order-service's events, a poll's worth at a time in one database transaction. The
 * container commits the offsets after this method returned, that is after the database
 * transaction committed.
 */
@Component
final class OrderEventListener {

	private final IncomingEvents events;

	private final EventHandlers handlers;

	OrderEventListener(IncomingEvents events, StockReservations reservations) {
		this.events = events;
		this.handlers = EventHandlers.builder()
			.on("OrderPlaced", OrderPlaced.class, reservations::reserve)
			.on("OrderCancelled", OrderCancelled.class, reservations::release)
			.ignore("OrderConfirmed", "OrderRejected")
			.beforeBatch(reservations::lockProducts)
			.build();
	}

	@OutboxListener(id = "inventory-orders", idIsGroup = false, topics = "${waybill.inventory.topic-prefix}order",
			batch = "true")
	void on(List<ConsumerRecord<String, String>> records) {
		this.events.applyAll(records, this.handlers);
	}

}
