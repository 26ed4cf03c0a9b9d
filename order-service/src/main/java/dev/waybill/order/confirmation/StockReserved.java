package dev.waybill.order.confirmation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * order-service's reading of inventory's {@code StockReserved} v1 (documented, with its
 * example, next to its producer in inventory-service).
 *
 * @param orderId the order whose lines are all reserved
 * @param lines the reserved lines
 */
public record StockReserved(@NotNull UUID orderId, @NotEmpty List<@NotNull @Valid Line> lines) {

	/**
	 * A reserved line.
	 *
	 * @param sku the product
	 * @param quantity how many
	 */
	public record Line(@NotBlank String sku, @NotNull @Min(1) Integer quantity) {
	}

}
