package dev.waybill.inventory.product;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.waybill.inventory.TestInventoryServiceApplication;
import dev.waybill.outbox.test.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestInventoryServiceApplication.Shared.class)
class ProductControllerIntegrationTests {

	private static final String JSON = "application/json";

	private final ObjectMapper json = new ObjectMapper();

	private final RunningService service;

	ProductControllerIntegrationTests(RunningService service) {
		this.service = service;
	}

	@Test
	void createsAProductAndAnnouncesItsStock() throws Exception {
		HttpResponse<String> response = this.service.post("/products", JSON,
				"{\"sku\":\"SKU-NEW\",\"name\":\"Widget\",\"stock\":100}");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location")).hasValue("/products/SKU-NEW");
		assertThat(this.json.readTree(this.service.get("/products/SKU-NEW").body())).isEqualTo(this.json
			.readTree("{\"sku\":\"SKU-NEW\",\"name\":\"Widget\",\"available\":100,\"reserved\":0,\"version\":1}"));
		assertThat(events("SKU-NEW")).containsExactly(
				"1 {\"sku\": \"SKU-NEW\", \"name\": \"Widget\", \"version\": 1, \"reserved\": 0, \"available\": 100}");
	}

	@Test
	void aSecondProductWithTheSameSkuIsAConflict() {
		this.service.post("/products", JSON, "{\"sku\":\"SKU-TWICE\",\"name\":\"Widget\",\"stock\":1}");
		HttpResponse<String> response = this.service.post("/products", JSON,
				"{\"sku\":\"SKU-TWICE\",\"name\":\"Other\",\"stock\":5}");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(events("SKU-TWICE")).hasSize(1);
	}

	@Test
	void setsTheStockAtTheVersionTheClientRead() throws Exception {
		this.service.post("/products", JSON, "{\"sku\":\"SKU-ADJ\",\"name\":\"Widget\",\"stock\":10}");
		HttpResponse<String> response = put("/products/SKU-ADJ/stock", "{\"available\":25,\"version\":1}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode product = this.json.readTree(response.body());
		assertThat(product.get("available").asInt()).isEqualTo(25);
		assertThat(product.get("version").asLong()).isEqualTo(2);
		assertThat(events("SKU-ADJ")).hasSize(2).last().asString().startsWith("2 ");
	}

	@Test
	void aStaleVersionIsAConflictAndChangesNothing() throws Exception {
		this.service.post("/products", JSON, "{\"sku\":\"SKU-STALE\",\"name\":\"Widget\",\"stock\":10}");
		put("/products/SKU-STALE/stock", "{\"available\":11,\"version\":1}");
		HttpResponse<String> response = put("/products/SKU-STALE/stock", "{\"available\":12,\"version\":1}");

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(response.body()).get("currentVersion").asLong()).isEqualTo(2);
		assertThat(this.json.readTree(this.service.get("/products/SKU-STALE").body()).get("available").asInt())
			.isEqualTo(11);
	}

	@Test
	void anUnknownProductIsNotFound() {
		assertThat(this.service.get("/products/SKU-NONE").statusCode()).isEqualTo(404);
		assertThat(put("/products/SKU-NONE/stock", "{\"available\":1,\"version\":1}").statusCode()).isEqualTo(404);
		assertThat(this.service.get("/reservations/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void aBadRequestGetsAProblemAndLeavesTheDatabaseUnchanged(String description, String path, String contentType,
			String body, int status) {
		this.service.post("/products", JSON, "{\"sku\":\"SKU-BAD\",\"name\":\"Widget\",\"stock\":10}");
		Map<String, Integer> before = counts();
		HttpResponse<String> response = path.endsWith("/stock") ? this.service.send(this.service.request(path)
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofString(body))) : this.service.post(path, contentType, body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(counts()).isEqualTo(before);
	}

	static Stream<Arguments> badRequests() {
		return Stream
			.of(create("malformed JSON", "{\"sku\":", 400),
					create("negative stock", "{\"sku\":\"SKU-X\",\"name\":\"W\",\"stock\":-1}", 400),
					create("invalid sku", "{\"sku\":\"sku x\",\"name\":\"W\",\"stock\":1}", 400),
					create("blank name", "{\"sku\":\"SKU-X\",\"name\":\" \",\"stock\":1}", 400),
					create("unknown field", "{\"sku\":\"SKU-X\",\"name\":\"W\",\"stock\":1,\"price\":9}", 400),
					create("oversized body",
							"{\"sku\":\"SKU-X\",\"name\":\"" + "w".repeat(70 * 1024) + "\",\"stock\":1}", 413),
					Arguments.of("wrong content type", "/products", "text/plain", "{\"sku\":\"SKU-X\"}", 415),
					Arguments.of("negative available", "/products/SKU-BAD/stock", JSON,
							"{\"available\":-5,\"version\":1}", 400),
					Arguments.of("missing version", "/products/SKU-BAD/stock", JSON, "{\"available\":5}", 400));
	}

	private static Arguments create(String description, String body, int status) {
		return Arguments.of(description, "/products", JSON, body, status);
	}

	@Test
	void servesItsOpenApiDescriptionAndHealth() throws Exception {
		HttpResponse<String> docs = this.service.get("/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(docs.body()).get("paths").propertyNames()).contains("/products",
				"/products/{sku}", "/products/{sku}/stock", "/reservations/{orderId}");
		assertThat(this.service.get("/actuator/health").body()).contains("\"UP\"");
	}

	private HttpResponse<String> put(String path, String body) {
		return this.service.send(
				this.service.request(path).header("Content-Type", JSON).PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	private List<String> events(String sku) {
		return this.service.jdbc()
			.queryForList(
					"SELECT aggregate_version || ' ' || payload::text FROM outbox_event"
							+ " WHERE aggregatetype = 'product' AND aggregateid = ? ORDER BY aggregate_version",
					String.class, sku);
	}

	private Map<String, Integer> counts() {
		Map<String, Integer> counts = List.of("product", "reservation", "outbox_event")
			.stream()
			.collect(Collectors.toMap((table) -> table, this.service::count));
		counts.put("version", this.service.jdbc()
			.queryForObject("SELECT coalesce(sum(version), 0)::int FROM product", Integer.class));
		return counts;
	}

}
