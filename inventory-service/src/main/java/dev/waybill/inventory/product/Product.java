package dev.waybill.inventory.product;

/**
 * A product and its stock; {@code available + reserved} is the stock on hand.
 *
 * @param sku the product
 * @param name its name
 * @param available units free to reserve, never negative
 * @param reserved units reserved for orders, never negative
 * @param version incremented by every change; the version of its last
 * {@code ProductStockChanged}
 */
public record Product(String sku, String name, int available, int reserved, long version) {
}
