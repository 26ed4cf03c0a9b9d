package dev.waybill.system.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The products the suite orders: four with stock for any load, and one scarce product so
 * that some orders are rejected and released stock is exercised too.
 */
final class FaultProducts {

	static final String PLENTIFUL = "FAULT-1";

	static final List<String> SKUS = List.of(PLENTIFUL, "FAULT-2", "FAULT-3", "FAULT-4", "FAULT-5");

	private static final int STOCK = 1_000_000;

	private static final int SCARCE_STOCK = 40;

	private FaultProducts() {
	}

	static void create(URI inventoryService) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		for (String sku : SKUS) {
			int stock = sku.equals("FAULT-5") ? SCARCE_STOCK : STOCK;
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(inventoryService.resolve("/products"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"sku":"%s","name":"Fault test %s","stock":%d}""".formatted(sku, sku, stock)))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"Creating " + sku + " answered " + response.statusCode() + ": " + response.body());
			}
		}
	}

}
