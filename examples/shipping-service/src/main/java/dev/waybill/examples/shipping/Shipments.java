package dev.waybill.examples.shipping;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules shipments: the row and its event commit together, or neither does.
 */
@Service
class Shipments {

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	private final Clock clock = Clock.systemUTC();

	Shipments(JdbcClient jdbc, OutboxWriter outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	@Transactional
	void schedule(OrderConfirmed order) {
		Instant now = this.clock.instant();
		this.jdbc.sql("INSERT INTO shipment (order_id, scheduled_at) VALUES (?, ?)")
			.params(order.orderId(), Timestamp.from(now))
			.update();
		this.outbox.append(new OutgoingEvent("shipment", order.orderId().toString(), 1, "ShipmentScheduled",
				new ShipmentScheduled(order.orderId(), now)));
	}

	Optional<Instant> scheduledAt(UUID orderId) {
		return this.jdbc.sql("SELECT scheduled_at FROM shipment WHERE order_id = ?")
			.param(orderId)
			.query((row, number) -> row.getTimestamp(1).toInstant())
			.optional();
	}

}
