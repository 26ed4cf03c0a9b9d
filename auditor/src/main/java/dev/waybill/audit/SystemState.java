package dev.waybill.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Everything an audit looks at, read once: each database in one repeatable-read
 * transaction, then the topics up to the end offsets taken after those reads.
 */
record SystemState(Instant takenAt, OrderSide orders, InventorySide inventory, Topics topics) {

	record OutboxRow(UUID id, String aggregateType, String aggregateId, String type, long version, String payload) {
	}

	record InboxRow(UUID eventId, String eventType) {
	}

	record Order(UUID id, String status, long version, Instant createdAt) {
	}

	record Product(String sku, String name, int available, int reserved, long version) {
	}

	record Reservation(UUID orderId, String status, long version, Map<String, Integer> lines) {
	}

	record OrderSide(List<Order> orders, List<Product> replica, List<OutboxRow> outbox, List<InboxRow> inbox) {
	}

	record InventorySide(List<Product> products, List<Reservation> reservations, List<OutboxRow> outbox,
			List<InboxRow> inbox) {
	}

	/**
	 * A record read from a topic; the header values are {@code null} when the header is
	 * missing.
	 */
	record Published(String topic, int partition, long offset, @Nullable String key, @Nullable String eventId,
			@Nullable String eventType, @Nullable String version, @Nullable String value) {

		String position() {
			return this.topic + "-" + this.partition + "@" + this.offset;
		}

	}

	/**
	 * @param events the records of the event topics, per partition in offset order
	 * @param deadLetters the records of the relay's dead-letter topic
	 * @param complete the partitions whose log still starts at offset 0, so their first
	 * record is the first ever published
	 */
	record Topics(List<Published> events, List<Published> deadLetters, List<String> complete) {
	}

}
