package dev.waybill.order;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;
import dev.waybill.stack.StackSettings;

/**
 * Runs order-service locally against a throw-away embedded stack (PostgreSQL and Kafka in
 * this JVM), on port 8081.
 */
public final class TestOrderServiceApplication {

	private TestOrderServiceApplication() {
	}

	public static void main(String[] args) {
		EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).start();
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
		Map<String, Object> properties = properties(stack, ServiceDatabase.ORDERS, "order-service", "outbox.event.");
		properties.put("server.port", 8081);
		OrderServiceApplication.start(properties);
	}

	/**
	 * The properties that point order-service at a stack.
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
		properties.put("waybill.order.topic-prefix", topicPrefix);
		properties.put("server.port", 0);
		return properties;
	}

}
