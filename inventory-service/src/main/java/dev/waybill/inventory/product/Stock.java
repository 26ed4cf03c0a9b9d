package dev.waybill.inventory.product;

import java.util.Collection;
import java.util.List;

/**
 * The one place stock changes. The caller's transaction appends one
 * {@code ProductStockChanged} per product it changed, with the state it commits, and
 * moves each product's version by one however often it changed it.
 */
public interface Stock {

	/**
	 * Reads products and locks their rows until the transaction ends. Rows are locked in
	 * sku order, so two transactions locking overlapping sets always wait for each other
	 * in the same order and cannot deadlock.
	 * @param skus the products
	 * @return those that exist, in sku order
	 */
	List<Product> lock(Collection<String> skus);

	/**
	 * Moves units between available and reserved, or in and out of stock.
	 * @param product the product, locked by {@link #lock(Collection)}
	 * @param availableDelta the change of available units
	 * @param reservedDelta the change of reserved units
	 * @return the product after the change
	 * @throws IllegalStateException if either count would become negative
	 */
	Product change(Product product, int availableDelta, int reservedDelta);

}
