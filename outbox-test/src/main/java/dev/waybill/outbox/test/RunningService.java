package dev.waybill.outbox.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;
import dev.waybill.stack.StackSettings;

/**
 * A service that consumes outbox events, started in this JVM against an embedded stack on
 * a database of its own, with topics and a consumer group no other test shares; with a
 * plain HTTP client to talk to it and a {@link TestRelay} that publishes to its topics.
 */
public final class RunningService implements AutoCloseable {

	/** The meter the outbox consumer support counts each delivery to the inbox with. */
	public static final String INBOX_DELIVERIES = "waybill.inbox.deliveries";

	private final ConfigurableApplicationContext context;

	private final String bootstrapServers;

	private final String topicPrefix;

	private final ServiceDatabase database;

	private final HttpClient http = HttpClient.newHttpClient();

	private @Nullable TestRelay relay;

	private RunningService(ConfigurableApplicationContext context, String bootstrapServers, String topicPrefix,
			ServiceDatabase database) {
		this.context = context;
		this.bootstrapServers = bootstrapServers;
		this.topicPrefix = topicPrefix;
		this.database = database;
	}

	/**
	 * Starts a service isolated from every other test on the stack, on a random port. Its
	 * dead-letter retries are short, so that a failing record reaches the dead-letter
	 * topic within a test's patience.
	 * @param stack the stack
	 * @param name the service's short name, which prefixes its database and its consumer
	 * group, such as {@code shipping}
	 * @param topicPrefixProperty the service's property for its topic prefix, such as
	 * {@code shipping.topic-prefix}
	 * @param application the application's {@code @SpringBootApplication} class, started
	 * with these settings as command-line arguments, which win over its
	 * {@code application.yml}
	 * @return the running service; close it to stop it
	 */
	public static RunningService start(EmbeddedStack stack, String name, String topicPrefixProperty,
			Class<?> application) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String topicPrefix = "t" + unique + ".outbox.event.";
		ServiceDatabase database = stack.createDatabase(name);
		Map<String, Object> properties = connectedTo(stack, database);
		properties.put("spring.kafka.consumer.group-id", name + "-" + unique);
		properties.put(topicPrefixProperty, topicPrefix);
		properties.put("server.port", 0);
		properties.put("waybill.outbox.kafka.retry.initial-interval", "50ms");
		properties.put("waybill.outbox.kafka.retry.max-elapsed", "1s");
		return new RunningService(run(application, properties), stack.bootstrapServers(), topicPrefix, database);
	}

	/**
	 * Runs a service against a throw-away stack that stops with the JVM, with the port,
	 * topics and consumer group of its {@code application.yml}: a service to try out by
	 * hand.
	 * @param database the service's database on that stack
	 * @param application the application's {@code @SpringBootApplication} class
	 * @return the running application
	 */
	public static ConfigurableApplicationContext runOnThrowAwayStack(ServiceDatabase database, Class<?> application) {
		EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).start();
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
		return run(application, connectedTo(stack, database));
	}

	// command-line arguments win over the application's application.yml, as in production
	private static ConfigurableApplicationContext run(Class<?> application, Map<String, Object> properties) {
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(application).run(args);
	}

	private static Map<String, Object> connectedTo(EmbeddedStack stack, ServiceDatabase database) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", stack.jdbcUrl(database));
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.kafka.bootstrap-servers", stack.bootstrapServers());
		return properties;
	}

	/**
	 * @return the service's database on the stack, for a {@link RunningRelay}
	 */
	public ServiceDatabase database() {
		return this.database;
	}

	/**
	 * @return the prefix of the topics this service publishes to and consumes from
	 */
	public String topicPrefix() {
		return this.topicPrefix;
	}

	/**
	 * A relay that publishes to this service's topics, as outbox-relay would; it closes
	 * with the service.
	 * @return the relay, the same one on every call
	 */
	public TestRelay relay() {
		if (this.relay == null) {
			this.relay = new TestRelay(this.bootstrapServers, this.topicPrefix);
		}
		return this.relay;
	}

	/**
	 * @return the service's {@code JdbcTemplate}, on its database
	 */
	public JdbcTemplate jdbc() {
		return this.context.getBean(JdbcTemplate.class);
	}

	/**
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the service's only bean of that type
	 */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * @param table a table of the service's database
	 * @return how many rows it holds
	 */
	public int count(String table) {
		Integer count = jdbc().queryForObject("SELECT count(*) FROM " + table, Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Counts the events the service's inbox has taken, summed over every counter with
	 * that tag, whatever its other tags.
	 * @param tag a tag of {@code waybill.inbox.deliveries}: {@code topic}, {@code type}
	 * or {@code outcome}
	 * @param value the tag's value, such as {@code duplicate}
	 * @return the deliveries counted so far
	 */
	public double inboxDeliveries(String tag, String value) {
		MeterRegistry meters = this.context.getBeanProvider(MeterRegistry.class).getIfAvailable();
		if (meters == null) {
			throw new IllegalStateException("The service has no MeterRegistry bean to count inbox deliveries with: "
					+ "add spring-boot-starter-actuator");
		}
		return meters.find(INBOX_DELIVERIES).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
	}

	/**
	 * @param path the path, such as {@code /orders}
	 * @param contentType the body's content type
	 * @param body the body
	 * @return the service's response
	 */
	public HttpResponse<String> post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * @param path the path, such as {@code /orders/42}
	 * @return the service's response
	 */
	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	/**
	 * @param request a request begun with {@link #request(String)}
	 * @return the service's response, its body as text
	 */
	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param path the path, such as {@code /orders}
	 * @return a request to the service, to complete and
	 * {@link #send(HttpRequest.Builder)}
	 */
	public HttpRequest.Builder request(String path) {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	@Override
	public void close() {
		try {
			if (this.relay != null) {
				this.relay.close();
			}
		}
		finally {
			this.context.close();
		}
	}

}
