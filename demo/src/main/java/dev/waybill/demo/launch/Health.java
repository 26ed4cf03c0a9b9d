package dev.waybill.demo.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether a component is up: its port accepts connections and, for the applications,
 * Actuator's health endpoint says {@code UP}.
 */
public final class Health {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

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
