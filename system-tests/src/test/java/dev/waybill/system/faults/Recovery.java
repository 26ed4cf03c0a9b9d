package dev.waybill.system.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * Injects one fault and measures the time until the system processes orders again: from
 * the fault until a probe order placed after it reaches a final state. A component the
 * fault left down (an instance with a sibling that serves) is started meanwhile, and the
 * next fault waits for it. Meanwhile it watches every other component as an operator (or
 * a process supervisor) would: one that stays unhealthy for {@link #UNHEALTHY_GRACE} is
 * restarted, and the restart is recorded, since it means the component did not recover on
 * its own.
 */
final class Recovery {

	static final Duration UNHEALTHY_GRACE = Duration.ofSeconds(20);

	private static final Duration DEADLINE = Duration.ofMinutes(4);

	private static final int START_ATTEMPTS = 3;

	// what the launcher says of a component that exits before it is healthy
	private static final String EXITED = "exited during start-up";

	private static final String PROBE = """
			{"customerId":"c-probe","lines":[{"sku":"%s","quantity":1}]}""".formatted(FaultProducts.PLENTIFUL);

	private final FaultSystem system;

	private final OrderClient client;

	Recovery(FaultSystem system, OrderClient client) {
		this.system = system;
		this.client = client;
	}

	/**
	 * @param fault the fault to inject
	 * @return how the system recovered
	 */
	Outcome inject(Fault fault) {
		Instant start = Instant.now();
		System.out.printf("[faults] %s%n", fault.description());
		List<String> down = fault.inject(this.system);
		CompletableFuture<String> probe = CompletableFuture.supplyAsync(this::placeProbe);
		List<String> restarts = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> restored = startAgain(down, restarts);
		Map<String, Instant> unhealthySince = new HashMap<>();
		await("an order placed after '" + fault.description() + "' reaches a final state").atMost(DEADLINE)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				restartStuckComponents(fault, down, unhealthySince, restarts);
				return probe.isDone() && isFinal(probe.join());
			});
		Duration recovered = Duration.between(start, Instant.now());
		restored.join();
		String back = down.isEmpty() ? "" : "; " + down + " started again after "
				+ Duration.between(start, Instant.now()).toMillis() / 1000.0 + " s";
		System.out.printf("[faults] %s: processing again after %.1f s%s%s%n", fault.description(),
				recovered.toMillis() / 1000.0, back, restarts.isEmpty() ? "" : "; operator restarts: " + restarts);
		return new Outcome(fault, recovered, restarts, probe.join());
	}

	// side by side, as an operator brings several instances back
	private CompletableFuture<Void> startAgain(List<String> components, List<String> restarts) {
		return CompletableFuture.allOf(components.stream()
			.map((component) -> CompletableFuture.runAsync(() -> startSupervised(component, restarts)))
			.toArray(CompletableFuture[]::new));
	}

	// as a process supervisor does: a start that exits (a relay whose broker check got
	// no answer in time on a starved machine) is started again, and counted as a
	// restart
	private void startSupervised(String component, List<String> restarts) {
		for (int attempt = 1;; attempt++) {
			try {
				this.system.start(component);
				return;
			}
			catch (IllegalStateException ex) {
				if (attempt >= START_ATTEMPTS || !String.valueOf(ex.getMessage()).contains(EXITED)) {
					throw ex;
				}
				System.out.printf("[faults] %s exited during start-up: starting it again%n", component);
				restarts.add(component + " (exited during start-up)");
			}
		}
	}

	// the components the fault left down are being started, and are not watched
	private void restartStuckComponents(Fault fault, List<String> down, Map<String, Instant> unhealthySince,
			List<String> restarts) {
		for (String component : this.system.components()) {
			if (down.contains(component) || this.system.isHealthy(component)) {
				unhealthySince.remove(component);
				continue;
			}
			Instant since = unhealthySince.computeIfAbsent(component, (name) -> Instant.now());
			if (Duration.between(since, Instant.now()).compareTo(UNHEALTHY_GRACE) > 0) {
				System.out.printf("[faults] %s unhealthy for %d s after '%s' (health: %s): restarting it%n", component,
						UNHEALTHY_GRACE.toSeconds(), fault.description(), this.system.healthReport(component));
				restarts.add(component);
				this.system.restart(component);
				unhealthySince.remove(component);
			}
		}
	}

	private String placeProbe() {
		try {
			return this.client.place(PROBE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean isFinal(String id) throws InterruptedException {
		return this.client.status(id).filter(OrderClient.FINAL::contains).isPresent();
	}

	/**
	 * @param fault the fault
	 * @param recoveredIn from the fault until an order placed after it was final
	 * @param operatorRestarts components that had to be restarted because they did not
	 * recover on their own
	 * @param probeOrder the probe order's id (an accepted order like any other)
	 */
	record Outcome(Fault fault, Duration recoveredIn, List<String> operatorRestarts, String probeOrder) {
	}

}
