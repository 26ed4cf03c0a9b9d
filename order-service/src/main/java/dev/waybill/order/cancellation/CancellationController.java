package dev.waybill.order.cancellation;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.waybill.order.placement.Order;

@RestController
final class CancellationController {

	private final OrderCancellation cancellation;

	CancellationController(OrderCancellation cancellation) {
		this.cancellation = cancellation;
	}

	@PostMapping("/orders/{id}/cancel")
	Order cancel(@PathVariable UUID id) {
		return this.cancellation.cancel(id);
	}

}
