package dev.waybill.system.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * order-service's API as a client that outlives a crash of the service: a request that
 * fails without an answer (refused, reset, timed out) or with a 5xx is sent again, and a
 * retried order keeps its {@code Idempotency-Key}, so an order the service accepted
 * before it died is returned, never placed a second time.
 *
 * <p>
 * With several instances it spreads its requests over them in turn, as a round-robin load
 * balancer does, and sends a failed request again to the next instance: an order one
 * instance accepted before it died is then returned by its sibling, since the key is kept
 * in the database they share.
 */
final class OrderClient {

	static final Set<String> FINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ObjectMapper json = new ObjectMapper();

	private final List<URI> orderServices;

	private final AtomicInteger next = new AtomicInteger();

	private final Duration giveUpAfter;

	private final AtomicLong failedRequests = new AtomicLong();

	OrderClient(List<URI> orderServices, Duration giveUpAfter) {
		this.orderServices = List.copyOf(orderServices);
		this.giveUpAfter = giveUpAfter;
	}

	/**
	 * Places an order, retrying with the same key until the service accepts it.
	 * @param body the order's JSON
	 * @return the accepted order's id
	 * @throws IllegalStateException when the service refuses the order (4xx) or does not
	 * accept it in time
	 */
	String place(String body) throws InterruptedException {
		String key = UUID.randomUUID().toString();
		HttpResponse<String> response = sendUntilAnswered(
				(orderService) -> HttpRequest.newBuilder(orderService.resolve("/orders"))
					.timeout(REQUEST_TIMEOUT)
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", key)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(),
				"POST /orders (key " + key + ")");
		if (response.statusCode() != 201 && response.statusCode() != 200) {
			throw new IllegalStateException(
					"POST /orders answered " + response.statusCode() + " to " + body + ": " + response.body());
		}
		return read(response).path("id").asString();
	}

	/**
	 * Cancels an order; {@code 409} (already rejected or cancelled) counts as done.
	 * @param id the order
	 */
	void cancel(String id) throws InterruptedException {
		HttpResponse<String> response = sendUntilAnswered(
				(orderService) -> HttpRequest.newBuilder(orderService.resolve("/orders/" + id + "/cancel"))
					.timeout(REQUEST_TIMEOUT)
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				"POST /orders/" + id + "/cancel");
		if (response.statusCode() != 200 && response.statusCode() != 409) {
			throw new IllegalStateException(
					"Cancelling " + id + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	/**
	 * @param id an order
	 * @return its status, or empty while the service does not answer
	 */
	Optional<String> status(String id) throws InterruptedException {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(nextInstance().resolve("/orders/" + id)).timeout(REQUEST_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? Optional.of(read(response).path("status").asString())
					: Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return how many requests failed without an answer or with a 5xx and were sent
	 * again
	 */
	long failedRequests() {
		return this.failedRequests.get();
	}

	private URI nextInstance() {
		return this.orderServices.get(Math.floorMod(this.next.getAndIncrement(), this.orderServices.size()));
	}

	private HttpResponse<String> sendUntilAnswered(Function<URI, HttpRequest> request, String what)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(this.giveUpAfter);
		String lastFailure = "no attempt";
		while (Instant.now().isBefore(deadline)) {
			try {
				HttpResponse<String> response = this.http.send(request.apply(nextInstance()),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() < 500) {
					return response;
				}
				lastFailure = response.statusCode() + " " + response.body();
			}
			catch (IOException ex) {
				lastFailure = ex.toString();
			}
			this.failedRequests.incrementAndGet();
			Thread.sleep(RETRY_PAUSE.toMillis());
		}
		throw new IllegalStateException(what + " got no answer within " + this.giveUpAfter + "; last: " + lastFailure);
	}

	private JsonNode read(HttpResponse<String> response) {
		try {
			return this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Not JSON: " + response.body(), ex);
		}
	}

}
