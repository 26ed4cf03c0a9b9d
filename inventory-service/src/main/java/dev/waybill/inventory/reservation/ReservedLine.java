package dev.waybill.inventory.reservation;

/**
 * A line of a reservation.
 *
 * @param sku the product
 * @param quantity how many
 */
public record ReservedLine(String sku, int quantity) {
}
