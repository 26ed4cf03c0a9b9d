package dev.waybill.order.confirmation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * order-service's reading of inventory's {@code StockRejected} v1 (documented, with its
 * example, next to its producer in inventory-service).
 *
 * @param orderId the order nothing was reserved for
 * @param reason why, for people
 * @param shortLines the lines that could not be reserved
 */
public record StockRejected(@NotNull UUID orderId, @NotBlank String reason,
		@NotNull List<@NotNull @Valid ShortLine> shortLines) {

	/**
	 * A line inventory could not reserve.
	 *
	 * @param sku the product
	 * @param requested how many the order wanted
	 * @param available how many were available
	 */
	public record ShortLine(@NotBlank String sku, @NotNull Integer requested, @NotNull Integer available) {
	}

}
