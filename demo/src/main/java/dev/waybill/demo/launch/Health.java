package dev.waybill.demo.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Whether a component is up: its port accepts connections and, for the applications,
 * Actuator's health endpoint says {@code UP}.
 */
public final class Health {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final ObjectMapper json = new ObjectMapper();

	/**
	 * @param component the component
	 * @return whether it is healthy now
	 */
	public boolean isHealthy(Component component) {
		if (!isListening(component.port())) {
			return false;
		}
		if (component.health() == null) {
			return true;
		}
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(component.health()).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * What a relay says of its sources: which it leads and for which it stands by.
	 * @param relay a relay component
	 * @return for example {@code leads orders, inventory}, or empty when it does not say
	 */
	String relayRoles(Component relay) {
		if (relay.health() == null) {
			return "";
		}
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(relay.health()).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return describeRoles(this.json.readTree(response.body()).path("components").path("relay").path("details"));
		}
		catch (IOException | JacksonException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	// "leads orders; standby for inventory"
	private static String describeRoles(JsonNode sources) {
		Map<String, List<String>> byRole = new TreeMap<>();
		sources.properties()
			.forEach((source) -> byRole
				.computeIfAbsent(source.getValue().path("role").asString("?"), (role) -> new ArrayList<>())
				.add(source.getKey()));
		return byRole.entrySet()
			.stream()
			.map((role) -> ("leader".equals(role.getKey()) ? "leads " : role.getKey() + " for ")
					+ String.join(", ", role.getValue()))
			.collect(Collectors.joining("; "));
	}

	static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) TIMEOUT.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
