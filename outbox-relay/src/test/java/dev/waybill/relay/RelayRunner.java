package dev.waybill.relay;

import java.util.ArrayList;
import java.util.List;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The relay's settings for one test source, and the relay run in-process with them.
 *
 * @param bootstrapServers Kafka
 * @param name the source name; also names slot, publication and topics
 * @param port the PostgreSQL port
 * @param database the database
 * @param delivery the delivery mode
 * @param capture how the relay reads the outbox
 */
public record RelayRunner(String bootstrapServers, String name, int port, String database, Delivery delivery,
		OutboxCapture capture) {

	public static RelayRunner of(EmbeddedStack stack, OutboxDatabase database, Delivery delivery) {
		return of(stack, database, delivery, OutboxCapture.LOG);
	}

	public static RelayRunner of(EmbeddedStack stack, OutboxDatabase database, Delivery delivery,
			OutboxCapture capture) {
		return new RelayRunner(stack.bootstrapServers(), database.name(), database.port(), database.name(), delivery,
				capture);
	}

	public String topicPrefix() {
		return this.name + ".event.";
	}

	public String deadLetterTopic() {
		return this.name + ".dead-letter";
	}

	public String offsetsTopic() {
		return this.name + ".offsets";
	}

	/**
	 * @return the relay's settings as {@code key=value} strings
	 */
	public List<String> properties() {
		List<String> properties = new ArrayList<>();
		properties.add("spring.kafka.bootstrap-servers=" + this.bootstrapServers);
		properties.add("waybill.relay.delivery=" + this.delivery);
		properties.add("waybill.relay.capture=" + this.capture);
		properties.add("waybill.relay.topic-prefix=" + topicPrefix());
		properties.add("waybill.relay.dead-letter-topic=" + deadLetterTopic());
		properties.add("waybill.relay.offsets-topic=" + offsetsTopic());
		properties.add("waybill.relay.heartbeat-interval=1s");
		properties.add("server.port=0");
		properties.add("waybill.relay.sources[0].name=" + this.name);
		properties.add("waybill.relay.sources[0].host=127.0.0.1");
		properties.add("waybill.relay.sources[0].port=" + this.port);
		properties.add("waybill.relay.sources[0].database=" + this.database);
		properties.add("waybill.relay.sources[0].username=" + ServiceDatabase.RELAY_USER);
		properties.add("waybill.relay.sources[0].password=" + ServiceDatabase.RELAY_PASSWORD);
		properties.add("waybill.relay.sources[0].slot-name=" + this.name);
		properties.add("waybill.relay.sources[0].publication-name=" + this.name);
		return properties;
	}

	/**
	 * Starts the relay in this JVM.
	 * @param overrides settings that replace or add to {@link #properties()}
	 * @return the running relay
	 */
	public ConfigurableApplicationContext start(String... overrides) {
		List<String> properties = new ArrayList<>(properties());
		properties.addAll(List.of(overrides));
		return new SpringApplicationBuilder(RelayApplication.class).properties(properties.toArray(String[]::new)).run();
	}

}
