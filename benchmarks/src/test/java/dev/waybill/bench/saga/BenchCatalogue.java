package dev.waybill.bench.saga;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The benchmark's products, created through inventory-service's API with stock enough
 * that every order is confirmed: the measurement is about the pipeline, not about
 * rejections.
 */
final class BenchCatalogue {

	static final int STOCK = 10_000_000;

	private static final String CREATE = """
			{"sku":"%s","name":"Benchmark product %s","stock":%d}""";

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI inventory;

	BenchCatalogue(URI inventory) {
		this.inventory = inventory;
	}

	List<String> create(int products) throws IOException, InterruptedException {
		List<String> skus = IntStream.rangeClosed(1, products).mapToObj("BENCH-%03d"::formatted).toList();
		for (String sku : skus) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.inventory.resolve("/products"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(CREATE.formatted(sku, sku, STOCK)))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"POST /products " + sku + " answered " + response.statusCode() + ": " + response.body());
			}
		}
		return skus;
	}

}
