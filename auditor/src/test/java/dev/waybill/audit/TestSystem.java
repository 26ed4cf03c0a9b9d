package dev.waybill.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;

/**
 * Two service databases of its own with the services' real schemas, made by
 * {@link TestSystems}, and a transactional producer that publishes outbox rows the way
 * the relay does, under a topic prefix of this system's own.
 */
final class TestSystem implements AutoCloseable {

	enum Side {

		ORDERS, INVENTORY

	}

	record Event(UUID id, Side side, String aggregateType, String aggregateId, String type, long version,
			String payload) {
	}

	private static final String INSERT_OUTBOX = """
			INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at)
			VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, now())
			""";

	private static final String INSERT_INBOX = """
			INSERT INTO processed_event (event_id, event_type) VALUES (?, ?)
			""";

	private final EmbeddedStack stack;

	private final ServiceDatabase ordersDatabase;

	private final ServiceDatabase inventoryDatabase;

	private final Connection orders;

	private final Connection inventory;

	private final KafkaProducer<String, String> producer;

	private final String topicPrefix;

	private final List<Event> unpublished = new ArrayList<>();

	private final List<Event> appended = new ArrayList<>();

	/**
	 * @param producer a transactional producer, shared with other systems and closed by
	 * its owner
	 */
	TestSystem(EmbeddedStack stack, ServiceDatabase ordersDatabase, ServiceDatabase inventoryDatabase,
			String topicPrefix, KafkaProducer<String, String> producer) throws SQLException {
		this.stack = stack;
		this.ordersDatabase = ordersDatabase;
		this.inventoryDatabase = inventoryDatabase;
		this.orders = connect(ordersDatabase);
		this.inventory = connect(inventoryDatabase);
		this.topicPrefix = topicPrefix;
		this.producer = producer;
	}

	AuditTarget target() {
		return new AuditTarget(database(this.ordersDatabase), database(this.inventoryDatabase),
				this.stack.bootstrapServers(), this.topicPrefix, AuditTarget.DEFAULT_CONSUMER_DEAD_LETTER_SUFFIX,
				this.topicPrefix + "dead-letter", AuditTarget.DEFAULT_MAX_PENDING_AGE);
	}

	Connection connection(Side side) {
		return (side == Side.ORDERS) ? this.orders : this.inventory;
	}

	Event append(Side side, String aggregateType, String aggregateId, String type, long version, String payload)
			throws SQLException {
		Event event = new Event(UUID.randomUUID(), side, aggregateType, aggregateId, type, version, payload);
		update(side, INSERT_OUTBOX, event.id(), aggregateType, aggregateId, type, payload, version);
		this.unpublished.add(event);
		this.appended.add(event);
		return event;
	}

	void receive(Side side, Event event) throws SQLException {
		update(side, INSERT_INBOX, event.id(), event.type());
	}

	int update(Side side, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection(side).prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement.executeUpdate();
		}
	}

	long queryLong(Side side, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection(side).prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (var result = statement.executeQuery()) {
				if (!result.next()) {
					throw new IllegalStateException("No row for " + sql);
				}
				return result.getLong(1);
			}
		}
	}

	/**
	 * Publishes every appended event not yet published, in one Kafka transaction.
	 */
	void publishPending() {
		publish(List.copyOf(this.unpublished));
	}

	/**
	 * Publishes these events in one Kafka transaction, in this order.
	 */
	void publish(List<Event> events) {
		publish(events, (event) -> this.topicPrefix + event.aggregateType());
	}

	/**
	 * Sends an event to the relay's dead-letter topic instead of its own, as the relay
	 * does with a row it cannot route.
	 */
	void deadLetter(Event event) {
		publish(List.of(event), (unroutable) -> target().relayDeadLetterTopic());
	}

	private void publish(List<Event> events, Function<Event, String> topic) {
		this.producer.beginTransaction();
		for (Event event : events) {
			ProducerRecord<String, String> record = new ProducerRecord<>(topic.apply(event), event.aggregateId(),
					event.payload());
			record.headers().add("id", bytes(event.id().toString()));
			record.headers().add("eventType", bytes(event.type()));
			record.headers().add("aggregateVersion", bytes(Long.toString(event.version())));
			// commitTransaction() throws if a send failed
			var unused = this.producer.send(record);
		}
		this.producer.commitTransaction();
		this.unpublished.removeAll(events);
	}

	/**
	 * @return the appended events not published yet, in the order they were appended
	 */
	List<Event> pending() {
		return List.copyOf(this.unpublished);
	}

	Event event(String type, Object aggregateId) {
		return this.appended.stream()
			.filter((event) -> event.type().equals(type) && event.aggregateId().equals(aggregateId.toString()))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Leaves an appended event unpublished for good.
	 */
	void forget(Event event) {
		this.unpublished.remove(event);
	}

	@Override
	public void close() throws SQLException {
		try {
			this.orders.close();
		}
		finally {
			this.inventory.close();
		}
	}

	private Database database(ServiceDatabase database) {
		return new Database(this.stack.jdbcUrl(database), database.user(), database.password());
	}

	private Connection connect(ServiceDatabase database) throws SQLException {
		return DriverManager.getConnection(this.stack.jdbcUrl(database), database.user(), database.password());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
