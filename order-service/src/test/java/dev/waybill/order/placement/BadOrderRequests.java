package dev.waybill.order.placement;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Bad {@code POST /orders} requests, each with the status it must get; shared by the
 * slice test and the integration test.
 */
final class BadOrderRequests {

	private BadOrderRequests() {
	}

	static Stream<Arguments> all() {
		return Stream.of(bad("malformed JSON", "{\"customerId\":\"c-1\",\"lines\":[", 400),
				bad("not an object", "[1,2]", 400), bad("zero quantity", body("SKU-1", 0), 400),
				bad("negative quantity", body("SKU-1", -3), 400),
				bad("quantity over 10,000", body("SKU-1", 10_001), 400),
				bad("fractional quantity", "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1.5}]}",
						400),
				bad("quantity as text", "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":\"2\"}]}",
						400),
				bad("unknown field",
						"{\"customerId\":\"c-1\",\"priority\":\"high\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}",
						400),
				bad("unknown line field",
						"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"price\":3}]}", 400),
				bad("no lines", "{\"customerId\":\"c-1\",\"lines\":[]}", 400),
				bad("missing lines", "{\"customerId\":\"c-1\"}", 400), bad("51 lines", lines(51), 400),
				bad("duplicate sku",
						"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1},{\"sku\":\"SKU-1\",\"quantity\":2}]}",
						400),
				bad("lower-case sku", body("sku-1", 1), 400), bad("sku with spaces", body("SKU 1", 1), 400),
				bad("missing customer", "{\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}", 400),
				bad("null line", "{\"customerId\":\"c-1\",\"lines\":[null]}", 400),
				Arguments.of("wrong content type", "text/plain", body("SKU-1", 1), 415),
				bad("oversized body", oversized(), 413));
	}

	static String oversized() {
		return "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}],\"padding\":\""
				+ "x".repeat(70 * 1024) + "\"}";
	}

	private static Arguments bad(String description, String body, int status) {
		return Arguments.of(description, "application/json", body, status);
	}

	private static String body(String sku, int quantity) {
		return "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"%s\",\"quantity\":%d}]}".formatted(sku, quantity);
	}

	private static String lines(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "{\"sku\":\"SKU-%d\",\"quantity\":1}".formatted(i))
			.collect(Collectors.joining(",", "{\"customerId\":\"c-1\",\"lines\":[", "]}"));
	}

}
