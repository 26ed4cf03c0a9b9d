package dev.waybill.order.placement;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

final class DistinctSkusValidator implements ConstraintValidator<DistinctSkus, List<PlaceOrderRequest.Line>> {

	@Override
	public boolean isValid(List<PlaceOrderRequest.Line> lines, ConstraintValidatorContext context) {
		if (lines == null) {
			return true;
		}
		Set<String> seen = new HashSet<>();
		return lines.stream().filter(Objects::nonNull).map(PlaceOrderRequest.Line::sku).allMatch(seen::add);
	}

}
