package dev.waybill.system;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the system has finished its work: every outbox row of both databases is in Kafka,
 * and every event a service handles is in its inbox, no more and no less. Only then do
 * before/after comparisons of the databases mean something.
 */
final class Settlement {

	/**
	 * What inventory-service applies from {@code outbox.event.order}; the rest it
	 * ignores.
	 */
	static final Set<String> INVENTORY_APPLIES = Set.of("OrderPlaced", "OrderCancelled");

	/** What order-service applies from the reservation and product topics. */
	static final Set<String> ORDER_SERVICE_APPLIES = Set.of("StockReserved", "StockRejected", "ProductStockChanged");

	private final SagaDatabases databases;

	private final OutboxTopics topics;

	Settlement(SagaDatabases databases, OutboxTopics topics) {
		this.databases = databases;
		this.topics = topics;
	}

	void await() {
		Awaitility.await()
			.atMost(Duration.ofMinutes(2))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(this::assertSettled);
	}

	private void assertSettled() throws Exception {
		List<ConsumerRecord<byte[], byte[]>> orderEvents = this.topics.read(OutboxTopics.ORDER);
		List<ConsumerRecord<byte[], byte[]>> inventoryEvents = Stream
			.concat(this.topics.read(OutboxTopics.RESERVATION).stream(),
					this.topics.read(OutboxTopics.PRODUCT).stream())
			.toList();
		assertThat(ids(orderEvents, null)).as("orders' outbox rows published")
			.containsAll(this.databases.outboxIds(SagaDatabases.ORDERS));
		assertThat(ids(inventoryEvents, null)).as("inventory's outbox rows published")
			.containsAll(this.databases.outboxIds(SagaDatabases.INVENTORY));
		assertThat(Set.copyOf(this.databases.inboxIds(SagaDatabases.INVENTORY))).as("inventory's inbox")
			.isEqualTo(ids(orderEvents, INVENTORY_APPLIES));
		assertThat(Set.copyOf(this.databases.inboxIds(SagaDatabases.ORDERS))).as("order-service's inbox")
			.isEqualTo(ids(inventoryEvents, ORDER_SERVICE_APPLIES));
	}

	private static Set<String> ids(List<ConsumerRecord<byte[], byte[]>> records, @Nullable Set<String> types) {
		return records.stream()
			.filter((record) -> types == null || types.contains(OutboxTopics.header(record, "eventType")))
			.map((record) -> OutboxTopics.header(record, "id"))
			.collect(Collectors.toSet());
	}

}
