package dev.waybill.order.placement;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No order has this id: a {@code 404} problem.
 */
public class OrderNotFoundException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param id the unknown id
	 */
	public OrderNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order " + id), null);
		getBody().setTitle("Order not found");
	}

}
