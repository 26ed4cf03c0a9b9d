package dev.waybill.inventory.reservation;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

import dev.waybill.outbox.kafka.OutboxRecords;
import dev.waybill.outbox.kafka.EventHandlers;
import dev.waybill.outbox.kafka.IncomingEvents;
import dev.waybill.outbox.kafka.OutboxListener;

/**
 * Reads order-service's events. The container commits the offset after this method
 * returned, that is after the database transaction committed.
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
			.build();
	}

	@OutboxListener(id = "inventory-orders", idIsGroup = false, topics = "${waybill.inventory.topic-prefix}order")
	void on(ConsumerRecord<String, String> record) {
		this.events.apply(OutboxRecords.envelope(record), this.handlers);
	}

}
