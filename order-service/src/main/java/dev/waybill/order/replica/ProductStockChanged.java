package dev.waybill.order.replica;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * order-service's reading of inventory's {@code ProductStockChanged} v1 (documented, with
 * its example, next to its producer in inventory-service).
 *
 * @param sku the product
 * @param name its name
 * @param available units free to reserve
 * @param reserved units reserved for orders
 * @param version the product's version after the change; only newer versions apply
 */
public record ProductStockChanged(@NotBlank String sku, @NotBlank String name, @NotNull @Min(0) Integer available,
		@NotNull @Min(0) Integer reserved, @NotNull @Min(1) Long version) {
}
