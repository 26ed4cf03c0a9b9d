package dev.waybill.inventory.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT /products/{sku}/stock}: sets the available units (a restock
 * raises it, an adjustment after a count may lower it), if the product is still at the
 * version the client read.
 *
 * @param available the new available units
 * @param version the version the client read; another version is a {@code 409}
 */
public record StockAdjustment(@NotNull @Min(0) @Max(CreateProductRequest.MAX_STOCK) Integer available,
		@NotNull @Min(1) Long version) {
}
