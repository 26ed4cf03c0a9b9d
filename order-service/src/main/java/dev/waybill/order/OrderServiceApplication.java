package dev.waybill.order;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

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
		return new SpringApplicationBuilder(OrderServiceApplication.class).run(args);
	}

}
