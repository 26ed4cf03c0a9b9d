package dev.waybill.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;

/**
 * inventory-service started in this JVM on a database of its own, with topics and a
 * consumer group no other test shares, and a plain HTTP client to talk to it.
 */
public final class RunningInventoryService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private final String topicPrefix;

	private RunningInventoryService(ConfigurableApplicationContext context, String topicPrefix) {
		this.context = context;
		this.topicPrefix = topicPrefix;
	}

	public static RunningInventoryService start(EmbeddedStack stack, Map<String, Object> extra) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String topicPrefix = "t" + unique + ".outbox.event.";
		ServiceDatabase database = stack.createDatabase("inventory");
		Map<String, Object> properties = TestInventoryServiceApplication.properties(stack, database,
				"inventory-" + unique, topicPrefix);
		properties.put("waybill.outbox.kafka.retry.initial-interval", "50ms");
		properties.put("waybill.outbox.kafka.retry.max-elapsed", "1s");
		properties.putAll(extra);
		return new RunningInventoryService(InventoryServiceApplication.start(properties), topicPrefix);
	}

	public String topicPrefix() {
		return this.topicPrefix;
	}

	public JdbcTemplate jdbc() {
		return this.context.getBean(JdbcTemplate.class);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public int count(String table) {
		Integer count = jdbc().queryForObject("SELECT count(*) FROM " + table, Integer.class);
		return (count != null) ? count : 0;
	}

	public HttpResponse<String> post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

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

	public HttpRequest.Builder request(String path) {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
