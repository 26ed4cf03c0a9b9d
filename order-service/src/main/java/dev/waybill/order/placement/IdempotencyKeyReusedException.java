package dev.waybill.order.placement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An {@code Idempotency-Key} was sent again with a different request: a {@code 422}
 * problem, and nothing is written.
 */
final class IdempotencyKeyReusedException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	IdempotencyKeyReusedException(String key) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"Idempotency-Key '" + key + "' was already used for a different request"), null);
		getBody().setTitle("Idempotency key reused");
	}

}
