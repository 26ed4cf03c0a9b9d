package dev.waybill.inventory;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * inventory-service: products, stock and reservations.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InventoryServiceApplication {

	/**
	 * Runs the service.
	 * @param args command-line arguments, such as {@code --server.port=8082}
	 */
	public static void main(String[] args) {
		SpringApplication.run(InventoryServiceApplication.class, args);
	}

	/**
	 * Starts the service in this JVM, as tests and the end-to-end suite do.
	 * @param properties properties that win over {@code application.yml}, such as
	 * {@code spring.datasource.url}
	 * @return the running application; close it to stop the service
	 */
	public static ConfigurableApplicationContext start(Map<String, ?> properties) {
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(InventoryServiceApplication.class).run(args);
	}

}
