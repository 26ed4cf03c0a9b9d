package dev.waybill.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The outbox relay application: one Debezium embedded engine per configured source,
 * publishing outbox rows to Kafka.
 */
@SpringBootApplication
@EnableConfigurationProperties(RelayProperties.class)
public class RelayApplication {

	/**
	 * Starts the relay.
	 * @param args command-line arguments, such as {@code --waybill.relay.kafka...}
	 */
	public static void main(String[] args) {
		SpringApplication.run(RelayApplication.class, args);
	}

}
