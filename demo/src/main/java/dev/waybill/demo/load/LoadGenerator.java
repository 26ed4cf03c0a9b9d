package dev.waybill.demo.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.waybill.contract.WireContract;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Places orders at a steady rate over HTTP, cancels some, and waits for each to reach a
 * final state, with a live progress line. With several order-service instances, the
 * orders go to each in turn, as a round-robin load balancer would send them.
 */
public final class LoadGenerator {

	private static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ObjectMapper json = new ObjectMapper();

	private final List<URI> orderServices;

	private final String bootstrapServers;

	private final List<String> skus;

	/**
	 * Orders the demo catalogue's products.
	 * @param orderService order-service's base URL
	 * @param bootstrapServers Kafka, to see final events as they are committed
	 */
	public LoadGenerator(URI orderService, String bootstrapServers) {
		this(orderService, bootstrapServers, SKUS);
	}

	/**
	 * Orders the demo catalogue's products from several order-service instances, each in
	 * turn.
	 * @param orderServices the base URLs of the order-service instances, at least one
	 * @param bootstrapServers Kafka, to see final events as they are committed
	 */
	public LoadGenerator(List<URI> orderServices, String bootstrapServers) {
		this(orderServices, bootstrapServers, SKUS);
	}

	/**
	 * Orders the given products: each order names one to three of them.
	 * @param orderService order-service's base URL
	 * @param bootstrapServers Kafka, to see final events as they are committed
	 * @param skus the products to order, distinct, at least one
	 */
	public LoadGenerator(URI orderService, String bootstrapServers, List<String> skus) {
		this(List.of(orderService), bootstrapServers, skus);
	}

	/**
	 * Orders the given products from several order-service instances, each in turn.
	 * @param orderServices the base URLs of the order-service instances, at least one
	 * @param bootstrapServers Kafka, to see final events as they are committed
	 * @param skus the products to order, distinct, at least one
	 */
	public LoadGenerator(List<URI> orderServices, String bootstrapServers, List<String> skus) {
		if (skus.isEmpty() || Set.copyOf(skus).size() != skus.size()) {
			throw new IllegalArgumentException("skus must be distinct and at least one, were " + skus);
		}
		if (orderServices.isEmpty()) {
			throw new IllegalArgumentException("at least one order-service instance is needed");
		}
		this.orderServices = List.copyOf(orderServices);
		this.bootstrapServers = bootstrapServers;
		this.skus = List.copyOf(skus);
	}

	/**
	 * Runs the plan.
	 * @param plan what to do
	 * @param out where the progress line goes
	 * @return the report
	 * @throws InterruptedException when interrupted
	 */
	public LoadReport run(LoadPlan plan, PrintStream out) throws InterruptedException {
		return run(plan, out, () -> {
		});
	}

	/**
	 * Runs the plan, and calls back once every order is final or the settling time is
	 * over, before the orders' statuses are read (a request to order-service for each): a
	 * measurement of the system's own work ends there.
	 * @param plan what to do
	 * @param out where the progress line goes
	 * @param settled called once, on the calling thread, before the statuses are read
	 * @return the report
	 * @throws InterruptedException when interrupted
	 */
	public LoadReport run(LoadPlan plan, PrintStream out, Settled settled) throws InterruptedException {
		try (FinalStates finals = new FinalStates(this.bootstrapServers, WireContract.topic("order"))) {
			Map<String, Long> placedAt = new ConcurrentHashMap<>();
			AtomicInteger failed = new AtomicInteger();
			long startNanos = System.nanoTime();
			place(plan, placedAt, failed, finals, out);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
			awaitFinal(plan, placedAt, failed, finals, out);
			out.println();
			settled.reached();
			return report(placedAt, failed.get(), statuses(placedAt.keySet(), plan.concurrency()), finals, startNanos,
					elapsed);
		}
	}

	private void place(LoadPlan plan, Map<String, Long> placedAt, AtomicInteger failed, FinalStates finals,
			PrintStream out) throws InterruptedException {
		ExecutorService workers = Executors.newFixedThreadPool(plan.concurrency());
		long startNanos = System.nanoTime();
		long intervalNanos = (long) (1_000_000_000L / plan.rate());
		for (int i = 0; i < plan.orders(); i++) {
			long due = startNanos + i * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			URI orderService = this.orderServices.get(i % this.orderServices.size());
			workers.execute(() -> placeOne(orderService, plan, placedAt, failed));
			progress(out, plan, placedAt.size(), failed.get(), finals.count());
		}
		workers.shutdown();
		workers.awaitTermination(1, TimeUnit.MINUTES);
	}

	private void placeOne(URI orderService, LoadPlan plan, Map<String, Long> placedAt, AtomicInteger failed) {
		long sent = System.nanoTime();
		try {
			HttpResponse<String> response = send(HttpRequest.newBuilder(orderService.resolve("/orders"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", java.util.UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString(randomOrder())));
			if (response.statusCode() != 201) {
				failed.incrementAndGet();
				return;
			}
			String id = this.json.readTree(response.body()).path("id").asString();
			placedAt.put(id, sent);
			if (ThreadLocalRandom.current().nextDouble() < plan.cancelRatio()) {
				send(HttpRequest.newBuilder(orderService.resolve("/orders/" + id + "/cancel"))
					.POST(HttpRequest.BodyPublishers.noBody()));
			}
		}
		catch (Exception ex) {
			failed.incrementAndGet();
		}
	}

	private void awaitFinal(LoadPlan plan, Map<String, Long> placedAt, AtomicInteger failed, FinalStates finals,
			PrintStream out) throws InterruptedException {
		Instant deadline = Instant.now().plus(plan.settle());
		while (finals.count() < placedAt.size() && Instant.now().isBefore(deadline)) {
			progress(out, plan, placedAt.size(), failed.get(), finals.count());
			Thread.sleep(200);
		}
		progress(out, plan, placedAt.size(), failed.get(), finals.count());
	}

	// side by side, as many as the plan allows in flight: a run of many orders would
	// otherwise wait longer for its statuses than for its orders
	private Map<String, Integer> statuses(Iterable<String> ids, int concurrency) throws InterruptedException {
		Map<String, Integer> statuses = new ConcurrentHashMap<>();
		ExecutorService workers = Executors.newFixedThreadPool(concurrency);
		int next = 0;
		for (String id : ids) {
			URI orderService = this.orderServices.get(next++ % this.orderServices.size());
			workers.execute(() -> statuses.merge(status(orderService, id), 1, Integer::sum));
		}
		workers.shutdown();
		workers.awaitTermination(5, TimeUnit.MINUTES);
		return new TreeMap<>(statuses);
	}

	private String status(URI orderService, String id) {
		try {
			HttpResponse<String> response = send(HttpRequest.newBuilder(orderService.resolve("/orders/" + id)).GET());
			JsonNode order = this.json.readTree(response.body());
			return order.path("status").asString("UNKNOWN");
		}
		catch (Exception ex) {
			return "UNKNOWN";
		}
	}

	private static LoadReport report(Map<String, Long> placedAt, int failed, Map<String, Integer> statuses,
			FinalStates finals, long startNanos, Duration elapsed) {
		List<Long> latencies = new ArrayList<>();
		List<Long> sentAt = new ArrayList<>();
		placedAt.forEach((id, sent) -> {
			Long done = finals.finalAt(id);
			if (done != null) {
				latencies.add(TimeUnit.NANOSECONDS.toMillis(done - sent));
				sentAt.add(TimeUnit.NANOSECONDS.toMillis(sent - startNanos));
			}
		});
		return new LoadReport(placedAt.size(), failed, statuses,
				latencies.stream().mapToLong(Long::longValue).toArray(), elapsed,
				sentAt.stream().mapToLong(Long::longValue).toArray());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private String randomOrder() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		List<String> skus = new ArrayList<>(this.skus);
		java.util.Collections.shuffle(skus, random);
		StringBuilder lines = new StringBuilder();
		for (int i = 0, n = 1 + random.nextInt(Math.min(3, skus.size())); i < n; i++) {
			lines.append(i == 0 ? "" : ",")
				.append("{\"sku\":\"%s\",\"quantity\":%d}".formatted(skus.get(i), 1 + random.nextInt(3)));
		}
		return "{\"customerId\":\"c-%d\",\"lines\":[%s]}".formatted(random.nextInt(1000), lines);
	}

	private static void progress(PrintStream out, LoadPlan plan, int placed, int failed, int done) {
		int width = 30;
		int filled = plan.orders() == 0 ? width : (int) ((long) done * width / plan.orders());
		out.printf("\r[%s%s] placed %d/%d  final %d  pending %d  failed %d   ", "#".repeat(filled),
				".".repeat(width - filled), placed, plan.orders(), done, Math.max(0, placed - done), failed);
		out.flush();
	}

	/**
	 * What a caller does once the orders have settled, before their statuses are read.
	 */
	@FunctionalInterface
	public interface Settled {

		/**
		 * @throws InterruptedException when interrupted
		 */
		void reached() throws InterruptedException;

	}

}
