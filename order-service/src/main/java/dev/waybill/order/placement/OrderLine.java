package dev.waybill.order.placement;

/**
 * One line of an order.
 *
 * @param sku the product
 * @param quantity how many, 1 to 10,000
 */
public record OrderLine(String sku, int quantity) {
}
