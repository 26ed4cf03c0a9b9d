package dev.waybill.system;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A request either service must refuse with a problem response, writing nothing.
 *
 * @param name what is wrong with it
 * @param inventory whether it goes to inventory-service, else to order-service
 * @param path the path it is posted to
 * @param contentType its content type
 * @param body its body
 * @param status the status it must get
 */
record BadRequest(String name, boolean inventory, String path, String contentType, String body, int status) {

	private static final String JSON = "application/json";

	URI uri(RunningDemo demo) {
		return this.inventory ? URI.create(demo.inventory() + this.path) : demo.order(this.path);
	}

	/**
	 * @param existingSku a product that exists
	 * @return the bad requests, for both services
	 */
	static List<BadRequest> cases(String existingSku) {
		String lines51 = IntStream.range(0, 51)
			.mapToObj((i) -> "{\"sku\":\"SKU-%d\",\"quantity\":1}".formatted(i))
			.collect(Collectors.joining(","));
		return List.of(order("malformed JSON", JSON, "{\"customerId\":\"c-1\",\"lines\":[", 400),
				order("zero quantity", JSON, order(existingSku, "0"), 400),
				order("negative quantity", JSON, order(existingSku, "-1"), 400),
				order("fractional quantity", JSON, order(existingSku, "1.5"), 400),
				order("unknown field", JSON,
						"{\"customerId\":\"c-1\",\"priority\":\"high\",\"lines\":[{\"sku\":\"" + existingSku
								+ "\",\"quantity\":1}]}",
						400),
				order("oversized body", JSON,
						"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"" + existingSku
								+ "\",\"quantity\":1}],\"note\":\"" + "x".repeat(70 * 1024) + "\"}",
						413),
				order("51 lines", JSON, "{\"customerId\":\"c-1\",\"lines\":[" + lines51 + "]}", 400),
				order("no lines", JSON, "{\"customerId\":\"c-1\",\"lines\":[]}", 400),
				order("duplicate sku", JSON,
						"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"%1$s\",\"quantity\":1},{\"sku\":\"%1$s\",\"quantity\":2}]}"
							.formatted(existingSku),
						400),
				order("wrong content type", "text/plain", order(existingSku, "1"), 415),
				product("malformed product JSON", JSON, "{\"sku\":", 400),
				product("negative stock", JSON, "{\"sku\":\"NEW-1\",\"name\":\"New\",\"stock\":-1}", 400),
				product("unknown product field", JSON,
						"{\"sku\":\"NEW-1\",\"name\":\"New\",\"stock\":1,\"colour\":\"red\"}", 400),
				product("existing sku", JSON, "{\"sku\":\"" + existingSku + "\",\"name\":\"Again\",\"stock\":1}", 409),
				product("product as text", "text/plain", "{\"sku\":\"NEW-1\",\"name\":\"New\",\"stock\":1}", 415));
	}

	private static BadRequest order(String name, String contentType, String body, int status) {
		return new BadRequest(name, false, "/orders", contentType, body, status);
	}

	private static BadRequest product(String name, String contentType, String body, int status) {
		return new BadRequest(name, true, "/products", contentType, body, status);
	}

	private static String order(String sku, String quantity) {
		return "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}";
	}

}
