package dev.waybill.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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

}
