package dev.waybill.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;
import dev.waybill.stack.StackSettings;

/**
 * Runs inventory-service locally against a throw-away embedded stack (PostgreSQL and
 * Kafka in this JVM), on port 8082.
 */
public final class TestInventoryServiceApplication {

	private TestInventoryServiceApplication() {
	}

	public static void main(String[] args) {
		EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).start();
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
		Map<String, Object> properties = properties(stack, ServiceDatabase.INVENTORY, "inventory-service",
				"outbox.event.");
		properties.put("server.port", 8082);
		InventoryServiceApplication.start(properties);
	}

	/**
	 * The properties that point inventory-service at a stack.
	 * @param stack the stack
	 * @param database the service's database
	 * @param groupId the consumer group
	 * @param topicPrefix the topic prefix
	 * @return the properties, modifiable
	 */
	public static Map<String, Object> properties(EmbeddedStack stack, ServiceDatabase database, String groupId,
			String topicPrefix) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", stack.jdbcUrl(database));
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.kafka.bootstrap-servers", stack.bootstrapServers());
		properties.put("spring.kafka.consumer.group-id", groupId);
		properties.put("waybill.inventory.topic-prefix", topicPrefix);
		properties.put("server.port", 0);
		return properties;
	}

}
