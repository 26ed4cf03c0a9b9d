package dev.waybill.inventory.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /products}. Unknown fields are rejected.
 *
 * @param sku the product: 1 to 64 upper-case letters, digits or dashes
 * @param name its name, 1 to 200 characters
 * @param stock the initial available stock, 0 to 1,000,000,000
 */
public record CreateProductRequest(
		@NotNull @Pattern(regexp = SKU_PATTERN,
				message = "must be 1 to 64 upper-case letters, digits or '-'") String sku,
		@NotBlank @Size(max = 200) String name, @NotNull @Min(0) @Max(MAX_STOCK) Integer stock) {

	/** What a sku looks like. */
	public static final String SKU_PATTERN = "[A-Z0-9][A-Z0-9-]{0,63}";

	/** The most units of one product. */
	public static final int MAX_STOCK = 1_000_000_000;

}
