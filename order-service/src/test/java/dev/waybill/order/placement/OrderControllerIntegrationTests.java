package dev.waybill.order.placement;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.waybill.order.TestOrderServiceApplication;
import dev.waybill.outbox.test.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestOrderServiceApplication.Shared.class)
class OrderControllerIntegrationTests {

	private static final String JSON = "application/json";

	private final ObjectMapper json = new ObjectMapper();

	private final RunningService service;

	// an idempotency key of this test's own: the service outlives it
	private final String key = "key-" + UUID.randomUUID();

	OrderControllerIntegrationTests(RunningService service) {
		this.service = service;
	}

	@Test
	void placesAPendingOrderAndAppendsOrderPlacedInTheSameTransaction() throws Exception {
		HttpResponse<String> response = this.service.post("/orders", JSON,
				"{\"customerId\":\"c-42\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2},{\"sku\":\"SKU-2\",\"quantity\":1}]}");

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode order = this.json.readTree(response.body());
		String id = order.get("id").asString();
		assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + id);
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("reason").isNull()).isTrue();
		assertThat(order.get("lines")).hasSize(2);
		Map<String, Object> event = this.service.jdbc()
			.queryForMap("SELECT aggregatetype, type, aggregate_version, payload::text AS payload"
					+ " FROM outbox_event WHERE aggregateid = ?", id);
		assertThat(event).containsEntry("aggregatetype", "order")
			.containsEntry("type", "OrderPlaced")
			.containsEntry("aggregate_version", 1L);
		JsonNode payload = this.json.readTree((String) event.get("payload"));
		assertThat(payload.get("orderId").asString()).isEqualTo(id);
		assertThat(payload.get("lines").get(0).get("sku").asString()).isEqualTo("SKU-1");
		assertThat(this.json.readTree(this.service.get("/orders/" + id).body())).isEqualTo(order);
	}

	@Test
	void aRetriedPostWithTheSameIdempotencyKeyReturnsTheFirstOrder() throws Exception {
		String body = "{\"customerId\":\"c-7\",\"lines\":[{\"sku\":\"SKU-3\",\"quantity\":1}]}";
		HttpResponse<String> first = postWithKey(body);
		HttpResponse<String> second = postWithKey(body);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(second.statusCode()).isEqualTo(201);
		assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		String id = this.json.readTree(first.body()).get("id").asString();
		assertThat(this.json.readTree(second.body()).get("id").asString()).isEqualTo(id);
		assertThat(this.service.jdbc()
			.queryForObject("SELECT count(*) FROM outbox_event WHERE aggregateid = ?", Integer.class, id)).isOne();
	}

	@Test
	void concurrentPostsWithOneIdempotencyKeyCreateOneOrder() {
		String body = "{\"customerId\":\"c-8\",\"lines\":[{\"sku\":\"SKU-4\",\"quantity\":1}]}";
		List<String> ids = IntStream.range(0, 8)
			.parallel()
			.mapToObj((i) -> postWithKey(body))
			.map((response) -> readId(response))
			.distinct()
			.toList();
		assertThat(ids).hasSize(1);
	}

	@Test
	void anIdempotencyKeyReusedForAnotherRequestIsRejectedAndWritesNothing() {
		postWithKey("{\"customerId\":\"c-9\",\"lines\":[{\"sku\":\"SKU-5\",\"quantity\":1}]}");
		Map<String, Integer> before = counts();
		HttpResponse<String> response = postWithKey(
				"{\"customerId\":\"c-9\",\"lines\":[{\"sku\":\"SKU-5\",\"quantity\":2}]}");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void anUnknownOrderIsNotFound() {
		HttpResponse<String> response = this.service.get("/orders/" + UUID.randomUUID());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void listsOrdersByStatusPageByPage() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.service.post("/orders", JSON,
					"{\"customerId\":\"lister\",\"lines\":[{\"sku\":\"SKU-9\",\"quantity\":1}]}");
		}
		JsonNode page = this.json.readTree(this.service.get("/orders?status=PENDING&page=0&size=2").body());
		assertThat(page.get("orders")).hasSize(2);
		assertThat(page.get("hasNext").asBoolean()).isTrue();
		assertThat(this.service.get("/orders?status=SHIPPED").statusCode()).isEqualTo(400);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.waybill.order.placement.BadOrderRequests#all")
	void aBadRequestGetsAProblemAndLeavesTheDatabaseUnchanged(String description, String contentType, String body,
			int status) {
		Map<String, Integer> before = counts();
		HttpResponse<String> response = this.service.post("/orders", contentType, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void anOversizedChunkedBodyIsRejectedBeforeItIsRead() {
		Map<String, Integer> before = counts();
		byte[] body = BadOrderRequests.oversized().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		HttpResponse<String> response = this.service.send(this.service.request("/orders")
			.header("Content-Type", JSON)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void servesItsOpenApiDescriptionAndHealth() throws Exception {
		HttpResponse<String> docs = this.service.get("/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(docs.body()).get("paths").propertyNames()).contains("/orders", "/orders/{id}",
				"/orders/{id}/cancel", "/products");
		assertThat(this.service.get("/actuator/health").body()).contains("\"UP\"");
	}

	private HttpResponse<String> postWithKey(String body) {
		return this.service.send(this.service.request("/orders")
			.header("Content-Type", JSON)
			.header("Idempotency-Key", this.key)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private String readId(HttpResponse<String> response) {
		try {
			return this.json.readTree(response.body()).get("id").asString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

	private Map<String, Integer> counts() {
		return List.of("customer_order", "order_line", "outbox_event")
			.stream()
			.collect(Collectors.toMap((table) -> table, this.service::count));
	}

}
