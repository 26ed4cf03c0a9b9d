package dev.waybill.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;

/**
 * Makes {@link TestSystem}s for one test class. The services' migrations run once, into
 * two template databases; each system gets copies of them, topics under a prefix of its
 * own, and the one transactional producer that all of them share.
 */
final class TestSystems implements AutoCloseable {

	private static final Path OUTBOX_MIGRATION = Path
		.of("../outbox-core/src/main/resources/dev/waybill/outbox/db/migration/V0_1__waybill_outbox.sql");

	// every aggregate type a TestWorld publishes, so every system has the topics the
	// relay
	// would have created; the relay's dead-letter topic is left to the test that uses it
	private static final List<String> AGGREGATE_TYPES = List.of("order", "product", "reservation");

	private final EmbeddedStack stack;

	private final ServiceDatabase ordersTemplate;

	private final ServiceDatabase inventoryTemplate;

	private final Admin admin;

	private final KafkaProducer<String, String> producer;

	TestSystems(EmbeddedStack stack) throws SQLException, IOException {
		this.stack = stack;
		// as Flyway runs them for the services: outbox-core's migrations (0.x), then
		// their own
		this.ordersTemplate = template("audit_orders", OUTBOX_MIGRATION,
				Path.of("../order-service/src/main/resources/db/migration/V1__create_orders.sql"));
		this.inventoryTemplate = template("audit_inventory", OUTBOX_MIGRATION,
				Path.of("../inventory-service/src/main/resources/db/migration/V1__create_inventory.sql"));
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
		this.producer = new KafkaProducer<>(producerProperties(stack.bootstrapServers()));
		this.producer.initTransactions();
	}

	/**
	 * @return a new system: empty service databases with the services' schemas, and empty
	 * topics of its own
	 */
	TestSystem create() throws SQLException {
		String topicPrefix = "audit" + UUID.randomUUID().toString().substring(0, 8) + ".outbox.event.";
		createTopics(topicPrefix);
		return new TestSystem(this.stack, copy(this.ordersTemplate), copy(this.inventoryTemplate), topicPrefix,
				this.producer);
	}

	@Override
	public void close() {
		try {
			this.producer.close();
		}
		finally {
			this.admin.close();
		}
	}

	private ServiceDatabase template(String prefix, Path... migrations) throws SQLException, IOException {
		ServiceDatabase template = this.stack.createDatabase(prefix);
		try (Connection connection = DriverManager.getConnection(this.stack.jdbcUrl(template), template.user(),
				template.password()); var statement = connection.createStatement()) {
			for (Path migration : migrations) {
				statement.execute(Files.readString(migration, StandardCharsets.UTF_8));
			}
		}
		// a copy fails while anyone is connected to its template
		this.stack.postgres()
			.execute("postgres",
					"ALTER DATABASE \"%s\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false".formatted(template.name()));
		return template;
	}

	// FILE_COPY copies the template's files rather than logging each of its pages to the
	// WAL (WAL_LOG, the default since PostgreSQL 15): as fast for databases this small,
	// and the WAL stays small. The copy's tables belong to the template's owner, so the
	// copy does too.
	private ServiceDatabase copy(ServiceDatabase template) {
		String name = template.name() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.stack.postgres()
			.execute("postgres", "CREATE DATABASE \"%s\" TEMPLATE \"%s\" OWNER \"%s\" STRATEGY FILE_COPY"
				.formatted(name, template.name(), template.user()));
		return new ServiceDatabase(name, template.user(), template.password());
	}

	// the broker's defaults, as when the relay's first record creates a topic
	private void createTopics(String topicPrefix) {
		List<NewTopic> topics = AGGREGATE_TYPES.stream()
			.map((type) -> new NewTopic(topicPrefix + type, Optional.empty(), Optional.empty()))
			.toList();
		try {
			this.admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create " + topics, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating " + topics, ex);
		}
	}

	private static Properties producerProperties(String bootstrapServers) {
		Properties properties = new Properties();
		properties.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, "audit-test-" + UUID.randomUUID(), ProducerConfig.ACKS_CONFIG,
				"all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		return properties;
	}

}
