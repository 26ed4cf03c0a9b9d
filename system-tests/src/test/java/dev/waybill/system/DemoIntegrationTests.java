package dev.waybill.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.waybill.demo.launch.DemoProducts;
import dev.waybill.demo.launch.DemoProducts.Product;
import dev.waybill.demo.launch.PrometheusText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo as a user runs it: {@code ./waybill up}, orders over HTTP, the relay killed
 * with SIGKILL in the middle of a load and started again, then Ctrl-C. The demo is the
 * {@link SharedDemo} the saga tests run on too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedDemo.Extension.class)
class DemoIntegrationTests {

	private static final Set<String> FINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

	private static final List<String> placed = new ArrayList<>();

	private static SharedDemo shared;

	private static RunningDemo demo;

	@BeforeAll
	static void startTheDemo(SharedDemo sharedDemo) throws IOException, InterruptedException {
		shared = sharedDemo;
		demo = shared.demo();
	}

	@Test
	@Order(1)
	void printsWhereEverythingRunsAndHowToPlaceAnOrder() throws IOException, InterruptedException {
		assertThat(demo.upOutput()).contains("http://127.0.0.1:" + demo.orderPort).contains("curl -s -X POST");
		assertThat(demo.command("status")).contains("relay").doesNotContain("STOPPED").doesNotContain("UNHEALTHY");
	}

	@Test
	@Order(1)
	void everyComponentExposesHealthInfoAndItsMetricsForPrometheusOnly() throws IOException, InterruptedException {
		for (int port : List.of(demo.orderPort, demo.inventoryPort, demo.relayPort)) {
			String base = "http://127.0.0.1:" + port + "/actuator/";
			HttpResponse<String> scrape = demo.send(HttpRequest.newBuilder(URI.create(base + "prometheus")));
			assertThat(scrape.statusCode()).as("prometheus on %d", port).isEqualTo(200);
			assertThat(PrometheusText.parse(scrape.body()).has("jvm_memory_used_bytes")).as("on %d", port).isTrue();
			assertThat(demo.send(HttpRequest.newBuilder(URI.create(base + "info"))).statusCode()).isEqualTo(200);
			assertThat(demo.send(HttpRequest.newBuilder(URI.create(base + "metrics"))).statusCode())
				.as("metrics on %d", port)
				.isEqualTo(404);
		}
		String relay = demo
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.relayPort + "/actuator/prometheus")))
			.body();
		assertThat(PrometheusText.parse(relay).sum("waybill_relay_leader")).as("sources the relay leads")
			.isEqualTo(2.0);
	}

	@Test
	@Order(2)
	void anOrderIsConfirmedAndItsStockReserved() throws IOException, InterruptedException {
		int before = demo.getProduct("SKU-1").path("available").asInt();
		String id = demo.placeOrder(order("SKU-1", 2)).path("id").asString();
		placed.add(id);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(demo.getOrder(id).path("status").asString()).isEqualTo("CONFIRMED"));
		assertThat(demo.getProduct("SKU-1").path("available").asInt()).isEqualTo(before - 2);
	}

	@Test
	@Order(3)
	void everyOrderReachesAFinalStateWithStockConservedWhenTheRelayIsKilledDuringALoad() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		AtomicInteger sent = new AtomicInteger();
		List<CompletableFuture<String>> orders = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			orders.add(CompletableFuture.supplyAsync(() -> placeRandomOrder(sent), clients));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= 60);
		assertThat(demo.command("kill", "relay")).contains("killed relay");
		await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= 140);
		assertThat(demo.command("start", "relay")).contains("relay healthy");
		for (CompletableFuture<String> order : orders) {
			placed.add(order.get());
		}
		clients.shutdown();
		await().atMost(Duration.ofMinutes(2))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				for (String id : placed) {
					assertThat(demo.getOrder(id).path("status").asString()).as("order %s", id).isIn(FINAL);
				}
			});
		assertStockConserved();
	}

	@Test
	@Order(4)
	// last: it stops the shared demo, which the failsafe configuration's order runs this
	// class after the others that use it
	void ctrlCLeavesNoProcessBehind() throws Exception {
		List<Long> pids = demo.componentPids();
		assertThat(pids).hasSize(5);
		shared.stop();
		for (long pid : pids) {
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty();
		}
	}

	private static void assertStockConserved() throws IOException, InterruptedException {
		Map<String, Integer> confirmed = new HashMap<>();
		for (String id : placed) {
			JsonNode order = demo.getOrder(id);
			if ("CONFIRMED".equals(order.path("status").asString())) {
				order.path("lines")
					.forEach((line) -> confirmed.merge(line.path("sku").asString(), line.path("quantity").asInt(),
							Integer::sum));
			}
		}
		for (Product product : DemoProducts.CATALOGUE) {
			JsonNode stock = demo.getProduct(product.sku());
			assertThat(stock.path("available").asInt() + stock.path("reserved").asInt()).as(product.sku())
				.isEqualTo(product.stock());
			assertThat(stock.path("reserved").asInt()).as("reserved %s", product.sku())
				.isEqualTo(confirmed.getOrDefault(product.sku(), 0));
			assertThat(stock.path("available").asInt()).isNotNegative();
		}
	}

	private static String placeRandomOrder(AtomicInteger sent) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Product product = DemoProducts.CATALOGUE.get(random.nextInt(DemoProducts.CATALOGUE.size()));
		try {
			return demo.placeOrder(order(product.sku(), 1 + random.nextInt(3))).path("id").asString();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			sent.incrementAndGet();
		}
	}

	private static String order(String sku, int quantity) {
		return """
				{"customerId":"c-42","lines":[{"sku":"%s","quantity":%d}]}""".formatted(sku, quantity);
	}

}
