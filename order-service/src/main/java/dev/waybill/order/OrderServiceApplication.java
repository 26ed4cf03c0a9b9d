package dev.waybill.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * order-service: orders, the order side of the saga and the product replica.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderServiceApplication {

	/**
	 * Runs the service.
	 * @param args command-line arguments, such as {@code --server.port=8081}
	 */
	public static void main(String[] args) {
		SpringApplication.run(OrderServiceApplication.class, args);
	}

}
