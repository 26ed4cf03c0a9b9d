package dev.waybill.demo.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTests {

	private HttpServer server;

	@AfterEach
	void stopTheServer() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void namesTheSourcesARelayLeadsAndThoseItStandsByFor() throws IOException {
		Component relay = relayAnswering("""
				{"status":"UP","components":{"relay":{"status":"UP","details":{
				  "orders":{"role":"leader","leader":"1@a"},
				  "inventory":{"role":"standby","leader":"2@b"},
				  "shipping":{"role":"leader","leader":"1@a"}}}}}""");
		assertThat(new Health().relayRoles(relay)).isEqualTo("leads orders, shipping; standby for inventory");
	}

	@Test
	void saysNothingOfARelayWhoseAnswerIsNotJson() throws IOException {
		assertThat(new Health().relayRoles(relayAnswering("<html>busy</html>"))).isEmpty();
	}

	private Component relayAnswering(String body) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/actuator/health", (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
		int port = this.server.getAddress().getPort();
		return new Component("relay", List.of(), Map.of(), port,
				URI.create("http://127.0.0.1:" + port + "/actuator/health"));
	}

}
