package dev.waybill.order.cancellation;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.waybill.order.placement.OrderStatus;

/**
 * A rejected or cancelled order cannot be cancelled: a {@code 409} problem.
 */
final class OrderNotCancellableException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	OrderNotCancellableException(UUID id, OrderStatus status) {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Order " + id + " is " + status + " and can no longer be cancelled"), null);
		getBody().setTitle("Order not cancellable");
		getBody().setProperty("status", status.name());
	}

}
