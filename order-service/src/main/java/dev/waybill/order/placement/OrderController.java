package dev.waybill.order.placement;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.waybill.order.OrderProperties;

@RestController
final class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final int MAX_KEY_LENGTH = 255;

	private final OrderPlacement placement;

	private final Orders orders;

	private final OrderProperties properties;

	OrderController(OrderPlacement placement, Orders orders, OrderProperties properties) {
		this.placement = placement;
		this.orders = orders;
		this.properties = properties;
	}

	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Order> place(@Valid @RequestBody PlaceOrderRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		requireValidKey(idempotencyKey);
		OrderPlacement.Placement placed = this.placement.place(request, idempotencyKey);
		return ResponseEntity.created(URI.create("/orders/" + placed.order().id()))
			.header("Idempotent-Replayed", Boolean.toString(placed.replayed()))
			.body(placed.order());
	}

	@GetMapping("/orders/{id}")
	Order find(@PathVariable UUID id) {
		return this.orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

	@GetMapping("/orders")
	OrderPage list(@RequestParam(required = false) @Nullable OrderStatus status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) @Nullable Integer size) {
		int pageSize = (size != null) ? size : this.properties.pageSize();
		if (page < 0 || pageSize < 1 || pageSize > this.properties.maxPageSize()) {
			throw badRequest("page must be 0 or more and size 1 to " + this.properties.maxPageSize());
		}
		List<Order> found = this.orders.list(status, (long) page * pageSize, pageSize + 1);
		return new OrderPage(found.stream().limit(pageSize).toList(), page, pageSize, found.size() > pageSize);
	}

	/**
	 * A page of orders.
	 *
	 * @param orders the orders, newest first
	 * @param page the page number
	 * @param size the page size
	 * @param hasNext whether a next page has orders
	 */
	record OrderPage(List<Order> orders, int page, int size, boolean hasNext) {
	}

	private static void requireValidKey(@Nullable String key) {
		if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
			throw badRequest(IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_LENGTH + " characters");
		}
	}

	private static ErrorResponseException badRequest(String detail) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
	}

}
