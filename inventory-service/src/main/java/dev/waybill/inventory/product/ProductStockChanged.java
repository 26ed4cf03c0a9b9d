package dev.waybill.inventory.product;

/**
 * Event {@code ProductStockChanged}, version 1: a product's stock changed (created,
 * restocked or adjusted, reserved, released).
 *
 * <p>
 * Topic {@code outbox.event.product}, key = sku, aggregate version = {@code version}.
 * Carries the full new state rather than a delta, so a replica converges by keeping the
 * highest version it has seen: duplicates and reordering cannot move it backwards.
 * Example: {@code dev/waybill/inventory/product/ProductStockChanged.json} in this
 * module's resources.
 *
 * @param sku the product
 * @param name its name
 * @param available units free to reserve
 * @param reserved units reserved for orders
 * @param version the product's version after the change
 */
public record ProductStockChanged(String sku, String name, int available, int reserved, long version) {

	/** The event type. */
	public static final String TYPE = "ProductStockChanged";

	static ProductStockChanged of(Product product) {
		return new ProductStockChanged(product.sku(), product.name(), product.available(), product.reserved(),
				product.version());
	}

}
