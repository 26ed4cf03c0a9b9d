package dev.waybill.system;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
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
 * The order saga through the real relay and both real services, each a process of the
 * demo started as a user starts it (the {@link SharedDemo}, which the demo tests use
 * too). Every test creates its own products, so the demo products and the other tests do
 * not interfere. The redelivery test runs after the workload tests, so that it
 * re-delivers all their events; the poison test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedDemo.Extension.class)
class SagaIntegrationTests {

	private static final Duration SAGA = Duration.ofSeconds(60);

	private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36)
		.toUpperCase(Locale.ROOT);

	private static final String STOCK = """
			SELECT available, reserved FROM product WHERE sku = ?""";

	private static final String STATUSES_OF_ORDERS_FOR_SKU = """
			SELECT o.status, count(*) FROM customer_order o JOIN order_line l ON l.order_id = o.id
			WHERE l.sku = ? GROUP BY o.status""";

	private static final String CONFIRMED_ORDERS = """
			SELECT count(*) FROM outbox_event WHERE type = 'OrderConfirmed' AND aggregateid = ANY(?)""";

	private static final String INVENTORY_PRODUCTS = """
			SELECT sku, name, available, version FROM product ORDER BY sku""";

	private static RunningDemo demo;

	private static SagaApi api;

	private static SagaDatabases databases;

	private static OutboxTopics topics;

	private static Settlement settlement;

	@BeforeAll
	static void startTheSystem(SharedDemo shared) throws Exception {
		demo = shared.demo();
		api = new SagaApi(demo);
		databases = new SagaDatabases(demo);
		topics = new OutboxTopics(demo.kafkaBootstrapServers());
		settlement = new Settlement(databases, topics);
	}

	@AfterAll
	static void closeTheTopics() {
		if (topics != null) {
			topics.close();
		}
	}

	@Test
	@Order(1)
	void aPlacedOrderIsConfirmedItsStockReservedAndTheReplicaUpdated() {
		String widget = product("HAPPY-A", 10);
		String gadget = product("HAPPY-B", 4);
		String id = api.placeOrder(SagaApi.order(Map.of(widget, 3, gadget, 1)));
		awaitStatus(id, "CONFIRMED");
		assertStock(widget, 7, 3);
		assertStock(gadget, 3, 1);
		assertThat(api.order(id).path("reason").isNull()).isTrue();
		assertThat(api.reservation(id).path("status").asString()).isEqualTo("RESERVED");
		await().atMost(SAGA).untilAsserted(() -> {
			for (String sku : List.of(widget, gadget)) {
				JsonNode replica = api.replica().get(sku);
				assertThat(replica).as("replica of %s", sku).isNotNull();
				assertThat(replica.path("available").asInt()).isEqualTo(api.product(sku).path("available").asInt());
				assertThat(replica.path("version").asLong()).isEqualTo(api.product(sku).path("version").asLong());
			}
		});
	}

	@Test
	@Order(2)
	void anOrderForMoreThanTheStockIsRejectedWithTheReasonAndReservesNothing() {
		String plenty = product("SHORT-A", 10);
		String scarce = product("SHORT-B", 2);
		long plentyVersion = api.product(plenty).path("version").asLong();
		String id = api.placeOrder(SagaApi.order(Map.of(plenty, 1, scarce, 5)));
		awaitStatus(id, "REJECTED");
		assertThat(api.order(id).path("reason").asString()).contains("Insufficient stock").contains(scarce);
		assertStock(plenty, 10, 0);
		assertStock(scarce, 2, 0);
		assertThat(api.product(plenty).path("version").asLong()).isEqualTo(plentyVersion);
		assertThat(api.reservation(id).path("status").asString()).isEqualTo("REJECTED");
	}

	@Test
	@Order(3)
	void fiveHundredConcurrentOrdersForAHundredUnitsConfirmExactlyAHundredAndStockNeverGoesNegative() throws Exception {
		String sku = product("CONTENDED", 100);
		List<String> observed = new CopyOnWriteArrayList<>();
		ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
		Future<?> polling = poller.scheduleAtFixedRate(
				() -> observed.addAll(query(() -> databases.rows("inventory", STOCK, sku))), 0, 20,
				TimeUnit.MILLISECONDS);
		List<String> ids = inParallel(500, 50, () -> api.placeOrder(sku, 1));
		try {
			assertThat(ids).doesNotHaveDuplicates();
			await().atMost(Duration.ofMinutes(2))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(statusesOfOrdersFor(sku))
					.isEqualTo(Map.of("CONFIRMED", 100, "REJECTED", 400)));
			// a periodic task that throws is not run again, silently: its future holds
			// why
			assertThat(polling).as("the stock poller").isNotDone();
		}
		finally {
			poller.shutdownNow();
		}
		assertStock(sku, 0, 100);
		assertThat(observed).as("stock read while the orders ran").hasSizeGreaterThan(10).allSatisfy((row) -> {
			String[] stock = row.split("\\|", -1);
			assertThat(Integer.parseInt(stock[0])).isNotNegative();
			assertThat(Integer.parseInt(stock[0]) + Integer.parseInt(stock[1])).isEqualTo(100);
		});
	}

	@Test
	@Order(4)
	void cancellingAConfirmedOrderReleasesItsStockOnceAlsoWhenOrderCancelledIsDeliveredTwice() throws Exception {
		String sku = product("CANCEL", 20);
		String id = api.placeOrder(sku, 3);
		awaitStatus(id, "CONFIRMED");
		assertStock(sku, 17, 3);
		HttpResponse<String> cancelled = api.cancel(id);
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(cancelled.body()).contains("\"CANCELLED\"");
		await().atMost(SAGA)
			.untilAsserted(() -> assertThat(api.reservation(id).path("status").asString()).isEqualTo("RELEASED"));
		assertStock(sku, 20, 0);
		long version = api.product(sku).path("version").asLong();
		ConsumerRecord<byte[], byte[]> cancellation = await().atMost(SAGA)
			.until(() -> find(OutboxTopics.ORDER, id, "OrderCancelled"), (record) -> record != null);
		long duplicates = api.inboxDeliveries(true, "outcome:duplicate", "type:OrderCancelled");
		ProducerRecord<byte[], byte[]> asNewEvent = OutboxTopics.asNewEvent(cancellation);
		topics.publish(List.of(OutboxTopics.again(cancellation), asNewEvent));
		await().atMost(SAGA).untilAsserted(() -> {
			assertThat(api.inboxDeliveries(true, "outcome:duplicate", "type:OrderCancelled") - duplicates).isEqualTo(1);
			assertThat(databases.inboxIds("inventory")).contains(OutboxTopics.id(asNewEvent));
		});
		assertStock(sku, 20, 0);
		assertThat(api.product(sku).path("version").asLong()).as("no stock change after the release")
			.isEqualTo(version);
		HttpResponse<String> again = api.cancel(id);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	@Order(5)
	void aCancelRacingTheReservationLeavesNothingReservedForThoseOrders() throws SQLException {
		String sku = product("RACE", 1000);
		List<String> ids = inParallel(40, 8, () -> {
			String id = api.placeOrder(sku, 2);
			HttpResponse<String> cancelled = api.cancel(id);
			if (cancelled.statusCode() != 200) {
				throw new IllegalStateException("cancel of " + id + " answered " + cancelled.statusCode());
			}
			return id;
		});
		await().atMost(SAGA).untilAsserted(() -> {
			for (String id : ids) {
				assertThat(api.reservation(id).path("status").asString()).as("reservation %s", id)
					.isIn("RELEASED", "CANCELLED");
			}
		});
		settlement.await();
		assertStock(sku, 1000, 0);
		for (String id : ids) {
			assertThat(api.order(id).path("status").asString()).as("order %s", id).isEqualTo("CANCELLED");
		}
		int confirmedFirst = Integer
			.parseInt(databases.rows("orders", CONFIRMED_ORDERS, (Object) ids.toArray(String[]::new)).get(0));
		System.out.printf("cancel race: %d of %d orders were cancelled before inventory's answer arrived%n",
				ids.size() - confirmedFirst, ids.size());
		assertThat(confirmedFirst).as("orders confirmed before their cancel: the race did not happen")
			.isLessThan(ids.size());
	}

	@Test
	@Order(6)
	void theReplicaConvergesToInventorysStockAfterAMixedWorkloadAndReorderedDuplicatedStockChanges() throws Exception {
		List<String> skus = List.of(product("MIX-A", 40), product("MIX-B", 40), product("MIX-C", 40));
		inParallel(90, 8, () -> mixedWorkloadStep(skus));
		settlement.await();
		assertReplicaEqualsInventory();
		List<ConsumerRecord<byte[], byte[]>> changes = new ArrayList<>(topics.read(OutboxTopics.PRODUCT)
			.stream()
			.filter((record) -> skus.contains(OutboxTopics.key(record)))
			.toList());
		Collections.reverse(changes);
		List<ProducerRecord<byte[], byte[]>> olderAsNewEvents = changes.stream()
			.filter((record) -> !isNewest(record, changes))
			.map(OutboxTopics::asNewEvent)
			.toList();
		long duplicates = api.inboxDeliveries(false, "outcome:duplicate", "type:ProductStockChanged");
		topics.republish(changes);
		topics.publish(olderAsNewEvents);
		await().atMost(SAGA).untilAsserted(() -> {
			assertThat(api.inboxDeliveries(false, "outcome:duplicate", "type:ProductStockChanged") - duplicates)
				.isEqualTo(changes.size());
			assertThat(databases.inboxIds("orders"))
				.containsAll(olderAsNewEvents.stream().map(OutboxTopics::id).toList());
		});
		assertReplicaEqualsInventory();
	}

	@Test
	@Order(7)
	void badHttpInputsGetAProblemResponseAndChangeNeitherDatabase() throws SQLException {
		String existing = product("EXISTING", 5);
		settlement.await();
		Map<String, Integer> before = databases.rowCounts();
		for (BadRequest bad : BadRequest.cases(existing)) {
			HttpResponse<String> response = api.post(bad.uri(demo), bad.contentType(), bad.body());
			assertThat(response.statusCode()).as(bad.name()).isEqualTo(bad.status());
			assertThat(response.headers().firstValue("Content-Type")).as(bad.name())
				.hasValueSatisfying((type) -> assertThat(type).matches("application/problem\\+json(;.*)?"));
		}
		assertThat(databases.rowCounts()).isEqualTo(before);
	}

	@Test
	@Order(8)
	void everyEventDeliveredASecondTimeChangesNothingAndTheInboxReportsTheDuplicates() throws Exception {
		settlement.await();
		Map<String, List<String>> before = databases.snapshot();
		List<ConsumerRecord<byte[], byte[]>> events = new ArrayList<>();
		OutboxTopics.ALL.forEach((topic) -> events.addAll(topics.read(topic)));
		long forInventory = count(events, OutboxTopics.ORDER, Settlement.INVENTORY_APPLIES);
		long forOrderService = count(events, OutboxTopics.RESERVATION, Settlement.ORDER_SERVICE_APPLIES)
				+ count(events, OutboxTopics.PRODUCT, Settlement.ORDER_SERVICE_APPLIES);
		long inventoryDuplicates = api.inboxDeliveries(true, "outcome:duplicate");
		long orderServiceDuplicates = api.inboxDeliveries(false, "outcome:duplicate");
		topics.republish(events);
		await().atMost(Duration.ofMinutes(2))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				assertThat(api.inboxDeliveries(true, "outcome:duplicate") - inventoryDuplicates)
					.isEqualTo(forInventory);
				assertThat(api.inboxDeliveries(false, "outcome:duplicate") - orderServiceDuplicates)
					.isEqualTo(forOrderService);
			});
		settlement.await();
		assertThat(forInventory).as("events re-delivered to inventory").isGreaterThan(500);
		assertThat(databases.snapshot()).isEqualTo(before);
	}

	@Test
	@Order(9)
	void aPoisonRecordOnEachConsumedTopicIsDeadLetteredAndTheNextOrderIsStillProcessed() {
		Map<String, String> knownTypes = Map.of(OutboxTopics.ORDER, "OrderPlaced", OutboxTopics.RESERVATION,
				"StockReserved", OutboxTopics.PRODUCT, "ProductStockChanged");
		List<ProducerRecord<byte[], byte[]>> poison = new ArrayList<>();
		knownTypes.forEach((topic, type) -> {
			poison.add(OutboxTopics.event(topic, "POISON-JSON-" + RUN, type, "{\"orderId\": not json"));
			poison.add(OutboxTopics.event(topic, "POISON-TYPE-" + RUN, "SomethingHappened", "{}"));
		});
		topics.publish(poison);
		await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			for (String topic : knownTypes.keySet()) {
				Map<String, String> reasons = new HashMap<>();
				topics.read(topic + ".dlt")
					.forEach((record) -> reasons.put(OutboxTopics.key(record),
							String.valueOf(OutboxTopics.header(record, "dlt-reason"))));
				assertThat(reasons).as(topic).containsKeys("POISON-JSON-" + RUN, "POISON-TYPE-" + RUN);
				assertThat(reasons.get("POISON-JSON-" + RUN)).as(topic).isNotBlank().isNotEqualTo("null");
				assertThat(reasons.get("POISON-TYPE-" + RUN)).as(topic).contains("SomethingHappened");
			}
		});
		String sku = product("AFTER-POISON", 5);
		String id = api.placeOrder(sku, 2);
		awaitStatus(id, "CONFIRMED");
		assertStock(sku, 3, 2);
		await().atMost(SAGA).untilAsserted(() -> {
			JsonNode replica = api.replica().get(sku);
			assertThat(replica).as("replica of %s", sku).isNotNull();
			assertThat(replica.path("available").asInt()).as("replica of %s", sku).isEqualTo(3);
		});
	}

	private static String product(String name, int stock) {
		String sku = "T" + RUN + "-" + name;
		api.createProduct(sku, stock);
		return sku;
	}

	private static void awaitStatus(String id, String status) {
		await().atMost(SAGA)
			.untilAsserted(
					() -> assertThat(api.order(id).path("status").asString()).as("order %s", id).isEqualTo(status));
	}

	private static void assertStock(String sku, int available, int reserved) {
		await().atMost(SAGA).untilAsserted(() -> {
			JsonNode product = api.product(sku);
			assertThat(product.path("available").asInt()).as("available %s", sku).isEqualTo(available);
			assertThat(product.path("reserved").asInt()).as("reserved %s", sku).isEqualTo(reserved);
		});
	}

	private static void assertReplicaEqualsInventory() throws SQLException {
		List<String> replica = api.replica()
			.values()
			.stream()
			.map((product) -> String.join("|", product.path("sku").asString(), product.path("name").asString(),
					product.path("available").asString(), product.path("version").asString()))
			.sorted()
			.toList();
		assertThat(replica).isEqualTo(databases.rows("inventory", INVENTORY_PRODUCTS).stream().sorted().toList());
	}

	private static String mixedWorkloadStep(List<String> skus) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String sku = skus.get(random.nextInt(skus.size()));
		if (random.nextInt(10) == 0) {
			return api.restock(sku, 20 + random.nextInt(60)).path("sku").asString();
		}
		Map<String, Integer> lines = new LinkedHashMap<>();
		lines.put(sku, 1 + random.nextInt(5));
		lines.put(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(5));
		String id = api.placeOrder(SagaApi.order(lines));
		if (random.nextInt(4) == 0) {
			api.cancel(id);
		}
		return id;
	}

	private static @Nullable ConsumerRecord<byte[], byte[]> find(String topic, String key, String type) {
		return topics.read(topic)
			.stream()
			.filter((record) -> OutboxTopics.key(record).equals(key))
			.filter((record) -> type.equals(OutboxTopics.header(record, "eventType")))
			.findFirst()
			.orElse(null);
	}

	private static boolean isNewest(ConsumerRecord<byte[], byte[]> record,
			List<ConsumerRecord<byte[], byte[]>> changes) {
		return changes.stream()
			.filter((other) -> OutboxTopics.key(other).equals(OutboxTopics.key(record)))
			.allMatch((other) -> version(other) <= version(record));
	}

	private static long version(ConsumerRecord<byte[], byte[]> record) {
		return Long.parseLong(String.valueOf(OutboxTopics.header(record, "aggregateVersion")));
	}

	private static long count(List<ConsumerRecord<byte[], byte[]>> events, String topic, Set<String> types) {
		return events.stream()
			.filter((record) -> record.topic().equals(topic))
			.filter((record) -> types.contains(OutboxTopics.header(record, "eventType")))
			.count();
	}

	private static Map<String, Integer> statusesOfOrdersFor(String sku) throws SQLException {
		Map<String, Integer> statuses = new HashMap<>();
		for (String row : databases.rows("orders", STATUSES_OF_ORDERS_FOR_SKU, sku)) {
			String[] columns = row.split("\\|", -1);
			statuses.put(columns[0], Integer.parseInt(columns[1]));
		}
		return statuses;
	}

	private static <T> List<T> inParallel(int tasks, int threads, Supplier<T> task) {
		ExecutorService clients = Executors.newFixedThreadPool(threads);
		try {
			List<CompletableFuture<T>> futures = new ArrayList<>();
			for (int i = 0; i < tasks; i++) {
				futures.add(CompletableFuture.supplyAsync(task, clients));
			}
			return futures.stream().map(CompletableFuture::join).toList();
		}
		finally {
			clients.shutdown();
		}
	}

	private static <T> T query(SqlQuery<T> query) {
		try {
			return query.run();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface SqlQuery<T> {

		T run() throws SQLException;

	}

}
