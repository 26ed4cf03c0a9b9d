package dev.waybill.system.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.waybill.demo.launch.PrometheusText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads what a component's Actuator endpoints answer, as JSON.
 */
final class Actuator {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final ObjectMapper json = new ObjectMapper();

	/**
	 * @param uri an endpoint
	 * @return its answer
	 * @throws IllegalStateException when it does not answer JSON in time
	 */
	JsonNode get(URI uri) {
		try {
			return this.json.readTree(send(uri).body());
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("GET " + uri + " failed: " + ex, ex);
		}
	}

	/**
	 * @param base a component's base URL
	 * @param metric a metric's name as Prometheus shows it
	 * @return its samples' sum, as {@code /actuator/prometheus} gives them
	 * @throws IllegalStateException when the endpoint does not answer in time
	 */
	double metric(URI base, String metric) {
		URI uri = base.resolve("/actuator/prometheus");
		HttpResponse<String> response = send(uri);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
		}
		return PrometheusText.parse(response.body()).sum(metric);
	}

	private HttpResponse<String> send(URI uri) {
		try {
			return this.http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + uri + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return an empty object, for an endpoint that does not answer
	 */
	JsonNode nothing() {
		return this.json.createObjectNode();
	}

}
