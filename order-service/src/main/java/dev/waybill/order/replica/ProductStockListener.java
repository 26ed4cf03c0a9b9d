package dev.waybill.order.replica;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

import dev.waybill.outbox.kafka.OutboxRecords;
import dev.waybill.outbox.kafka.EventHandlers;
import dev.waybill.outbox.kafka.IncomingEvents;
import dev.waybill.outbox.kafka.OutboxListener;

/**
 * Feeds the replica from inventory's product topic.
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

	@OutboxListener(id = "order-product-replica", idIsGroup = false, topics = "${waybill.order.topic-prefix}product")
	void on(ConsumerRecord<String, String> record) {
		this.events.apply(OutboxRecords.envelope(record), this.handlers);
	}

}
