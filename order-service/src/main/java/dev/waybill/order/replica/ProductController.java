package dev.waybill.order.replica;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.waybill.order.OrderProperties;

@RestController
final class ProductController {

	private final ProductReplica replica;

	private final OrderProperties properties;

	ProductController(ProductReplica replica, OrderProperties properties) {
		this.replica = replica;
		this.properties = properties;
	}

	@GetMapping("/products")
	List<ReplicatedProduct> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size) {
		if (page < 0 || size < 1 || size > this.properties.maxPageSize()) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
					ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
							"page must be 0 or more and size 1 to " + this.properties.maxPageSize()),
					null);
		}
		return this.replica.list((long) page * size, size);
	}

}
