package dev.waybill.examples.shipping;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /shipments/{orderId}}: when the order's shipment was scheduled, or 404.
 */
@RestController
class ShipmentController {

	private final Shipments shipments;

	ShipmentController(Shipments shipments) {
		this.shipments = shipments;
	}

	@GetMapping("/shipments/{orderId}")
	ResponseEntity<Map<String, Object>> shipment(@PathVariable UUID orderId) {
		return ResponseEntity.of(this.shipments.scheduledAt(orderId)
			.map((scheduledAt) -> Map.of("orderId", orderId, "scheduledAt", scheduledAt)));
	}

}
