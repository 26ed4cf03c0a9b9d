package dev.waybill.inventory.reservation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * inventory-service's reading of order-service's {@code OrderPlaced} v1 (documented, with
 * its example, next to its producer in order-service).
 *
 * @param orderId the order
 * @param lines 1 to 50 lines
 */
public record OrderPlaced(@NotNull UUID orderId, @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines) {

	/**
	 * One line.
	 *
	 * @param sku the product
	 * @param quantity how many, 1 to 10,000
	 */
	public record Line(@NotBlank String sku, @NotNull @Min(1) @Max(10_000) Integer quantity) {
	}

}
