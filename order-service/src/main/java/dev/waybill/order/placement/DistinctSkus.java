package dev.waybill.order.placement;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The lines of an order name each sku at most once.
 */
@Documented
@Constraint(validatedBy = DistinctSkusValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface DistinctSkus {

	/**
	 * @return the message
	 */
	String message() default "must not name a sku twice";

	/**
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

}
