package dev.waybill.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.waybill.demo.launch.PrometheusText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The two services' HTTP APIs as the saga tests call them, over the running demo.
 */
final class SagaApi {

	private final ObjectMapper json = new ObjectMapper();

	private final RunningDemo demo;

	SagaApi(RunningDemo demo) {
		this.demo = demo;
	}

	void createProduct(String sku, int stock) {
		HttpResponse<String> response = post(URI.create(this.demo.inventory() + "/products"), "application/json", """
				{"sku":"%s","name":"Saga test %s","stock":%d}""".formatted(sku, sku, stock));
		expect(response, 201);
	}

	/**
	 * Sets a product's available stock, reading its version first and again when another
	 * change overtook the read.
	 */
	JsonNode restock(String sku, int available) {
		while (true) {
			long version = product(sku).path("version").asLong();
			HttpResponse<String> response = send(
					HttpRequest.newBuilder(URI.create(this.demo.inventory() + "/products/" + sku + "/stock"))
						.header("Content-Type", "application/json")
						.PUT(HttpRequest.BodyPublishers.ofString("""
								{"available":%d,"version":%d}""".formatted(available, version))));
			if (response.statusCode() != 409) {
				return read(expect(response, 200));
			}
		}
	}

	/** {@code GET /products/{sku}} on inventory-service. */
	JsonNode product(String sku) {
		return read(expect(send(HttpRequest.newBuilder(URI.create(this.demo.inventory() + "/products/" + sku)).GET()),
				200));
	}

	/**
	 * @return every product of order-service's replica, by sku
	 */
	Map<String, JsonNode> replica() {
		Map<String, JsonNode> products = new LinkedHashMap<>();
		for (int page = 0;; page++) {
			JsonNode list = read(expect(
					send(HttpRequest.newBuilder(this.demo.order("/products?size=100&page=" + page)).GET()), 200));
			list.forEach((product) -> products.put(product.path("sku").asString(), product));
			if (list.size() < 100) {
				return products;
			}
		}
	}

	/**
	 * @return the new order's id, after checking the {@code 201} answer
	 */
	String placeOrder(String body) {
		HttpResponse<String> response = post(this.demo.order("/orders"), "application/json", body);
		JsonNode order = read(expect(response, 201));
		String id = order.path("id").asString();
		if (!response.headers().firstValue("Location").orElse("").endsWith("/orders/" + id)
				|| !"PENDING".equals(order.path("status").asString())) {
			throw new IllegalStateException("POST /orders answered " + response.headers().map() + response.body());
		}
		return id;
	}

	String placeOrder(String sku, int quantity) {
		return placeOrder(order(Map.of(sku, quantity)));
	}

	JsonNode order(String id) {
		return read(expect(send(HttpRequest.newBuilder(this.demo.order("/orders/" + id)).GET()), 200));
	}

	HttpResponse<String> cancel(String id) {
		return send(HttpRequest.newBuilder(this.demo.order("/orders/" + id + "/cancel"))
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * @return inventory's reservation for the order, or a missing node before it has one
	 */
	JsonNode reservation(String id) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.demo.inventory() + "/reservations/" + id)).GET());
		return (response.statusCode() == 404) ? this.json.missingNode() : read(expect(response, 200));
	}

	/**
	 * @param inventory inventory-service, else order-service
	 * @param tags the tags to select, each {@code name:value}
	 * @return the sum of the {@code waybill.inbox.deliveries} counters with those tags,
	 * as the service's {@code /actuator/prometheus} gives them
	 */
	long inboxDeliveries(boolean inventory, String... tags) {
		URI uri = URI
			.create((inventory ? this.demo.inventory() : this.demo.order("").toString()) + "/actuator/prometheus");
		String scrape = expect(send(HttpRequest.newBuilder(uri).GET()), 200);
		return (long) PrometheusText.parse(scrape).sum("waybill_inbox_deliveries_total", tags);
	}

	HttpResponse<String> post(URI uri, String contentType, String body) {
		return send(HttpRequest.newBuilder(uri)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.demo.send(request);
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
	 * @return an order body for customer {@code c-saga} with one line per sku
	 */
	static String order(Map<String, Integer> lines) {
		StringBuilder body = new StringBuilder("{\"customerId\":\"c-saga\",\"lines\":[");
		lines.forEach((sku, quantity) -> body.append("{\"sku\":\"%s\",\"quantity\":%d},".formatted(sku, quantity)));
		body.setLength(body.length() - 1);
		return body.append("]}").toString();
	}

	private JsonNode read(String body) {
		return this.json.readTree(body);
	}

	private static String expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
					+ response.statusCode() + ", not " + status + ": " + response.body());
		}
		return response.body();
	}

}
