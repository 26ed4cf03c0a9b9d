package dev.waybill.inventory.product;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The product API's problem responses.
 */
final class ProductProblems {

	private ProductProblems() {
	}

	static ErrorResponseException notFound(String sku) {
		return problem(HttpStatus.NOT_FOUND, "Product not found", "No product " + sku);
	}

	static ErrorResponseException exists(String sku) {
		return problem(HttpStatus.CONFLICT, "Product exists", "Product " + sku + " exists already");
	}

	static ErrorResponseException staleVersion(Product current, long expected) {
		ErrorResponseException ex = problem(HttpStatus.CONFLICT, "Stale version", "Product " + current.sku()
				+ " is at version " + current.version() + ", not " + expected + ": read it again and retry");
		ex.getBody().setProperty("currentVersion", current.version());
		return ex;
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
