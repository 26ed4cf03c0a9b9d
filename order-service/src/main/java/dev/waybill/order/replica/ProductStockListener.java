package dev.waybill.order.replica;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

import dev.waybill.outbox.kafka.EventHandlers;
import dev.waybill.outbox.kafka.IncomingEvents;
import dev.waybill.outbox.kafka.OutboxListener;

/**
 * Feeds the replica from inventory's product topic, a poll's worth at a time in one
 * database transaction.
 */
@Component
final class ProductStockListener {

	private final IncomingEvents events;

	private final EventHandlers handlers;

	ProductStockListener(IncomingEvents events, ProductReplica replica) {
		this.events = events;
		this.handlers = EventHandlers.builder()
			.on("ProductStockChanged", ProductStockChanged.class, replica::apply)
			.build();
	}

	@OutboxListener(id = "order-product-replica", idIsGroup = false, topics = "${waybill.order.topic-prefix}product",
			batch = "true")
	void on(List<ConsumerRecord<String, String>> records) {
		this.events.applyAll(records, this.handlers);
	}

}
