package dev.waybill.demo.launch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The products the demo starts with, created through inventory-service's API on first
 * start only: a product that exists keeps its stock.
 */
public final class DemoProducts {

	/** The demo catalogue: sku, name and initial stock. */
	public static final List<Product> CATALOGUE = List.of(new Product("SKU-1", "Widget", 1000),
			new Product("SKU-2", "Gadget", 500), new Product("SKU-3", "Sprocket", 200),
			new Product("SKU-4", "Gizmo", 50), new Product("SKU-5", "Rare thing", 5));

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI inventory;

	/**
	 * @param inventory inventory-service's base URL
	 */
	public DemoProducts(URI inventory) {
		this.inventory = inventory;
	}

	/**
	 * Creates each catalogue product that does not exist yet.
	 * @return how many were created
	 */
	public int seed() {
		int created = 0;
		for (Product product : CATALOGUE) {
			if (send(HttpRequest.newBuilder(this.inventory.resolve("/products/" + product.sku())).GET()) == 404) {
				int status = send(HttpRequest.newBuilder(this.inventory.resolve("/products"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(product.json())));
				if (status != 201 && status != 200) {
					throw new IllegalStateException("Creating demo product " + product.sku() + " answered " + status);
				}
				created++;
			}
		}
		return created;
	}

	private int send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException("inventory-service did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * A demo product.
	 *
	 * @param sku the sku
	 * @param name the name
	 * @param stock the initial stock
	 */
	public record Product(String sku, String name, int stock) {

		String json() {
			return "{\"sku\":\"%s\",\"name\":\"%s\",\"stock\":%d}".formatted(this.sku, this.name, this.stock);
		}

	}

}
