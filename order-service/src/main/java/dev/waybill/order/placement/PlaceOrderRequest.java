package dev.waybill.order.placement;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /orders}. Unknown fields are rejected.
 *
 * @param customerId the customer, 1 to 64 letters, digits, {@code .}, {@code _} or
 * {@code -}
 * @param lines 1 to 50 lines, each sku at most once
 */
public record PlaceOrderRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
				message = "must be letters, digits, '.', '_' or '-'") String customerId,
		@NotNull @Size(min = 1, max = 50) @DistinctSkus List<@NotNull @Valid Line> lines) {

	/** What a sku looks like: upper-case letters, digits and dashes, at most 64. */
	public static final String SKU_PATTERN = "[A-Z0-9][A-Z0-9-]{0,63}";

	/**
	 * One line of the request.
	 *
	 * @param sku the product
	 * @param quantity how many, 1 to 10,000
	 */
	public record Line(
			@NotNull @Pattern(regexp = SKU_PATTERN,
					message = "must be 1 to 64 upper-case letters, digits or '-'") String sku,
			@NotNull @Min(1) @Max(10_000) Integer quantity) {
	}

}
