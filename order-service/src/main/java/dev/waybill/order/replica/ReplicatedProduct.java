package dev.waybill.order.replica;

/**
 * A product as last reported by inventory.
 *
 * @param sku the product
 * @param name its name
 * @param available units free to reserve
 * @param reserved units reserved for orders
 * @param version inventory's version of the product
 */
public record ReplicatedProduct(String sku, String name, int available, int reserved, long version) {
}
