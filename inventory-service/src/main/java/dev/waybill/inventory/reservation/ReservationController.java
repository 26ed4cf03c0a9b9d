package dev.waybill.inventory.reservation;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
final class ReservationController {

	private final JdbcReservations reservations;

	ReservationController(JdbcReservations reservations) {
		this.reservations = reservations;
	}

	@GetMapping("/reservations/{orderId}")
	Reservation find(@PathVariable UUID orderId) {
		return this.reservations.find(orderId).orElseThrow(() -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No reservation for order " + orderId);
			problem.setTitle("Reservation not found");
			return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		});
	}

}
