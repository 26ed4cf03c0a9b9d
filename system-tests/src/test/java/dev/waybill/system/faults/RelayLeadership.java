package dev.waybill.system.faults;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.waybill.demo.launch.Component;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Which relay instance leads the source the relay faults aim at, as each relay's health
 * tells it, and the waits for a takeover and for a standby.
 */
final class RelayLeadership {

	// the source whose leader the relay faults aim at: the saga's first hop
	private static final String SOURCE = "orders";

	// how long a standby may take to lead once the leader is gone or paused: the lease
	// timeout, the fence, the engine's start, and a loaded machine
	private static final Duration TAKEOVER = Duration.ofMinutes(2);

	private final List<Component> relays;

	private final Actuator actuator;

	RelayLeadership(List<Component> relays, Actuator actuator) {
		this.relays = List.copyOf(relays);
		this.actuator = actuator;
	}

	/**
	 * @return the relay that leads the source
	 * @throws IllegalStateException when none does
	 */
	String leader() {
		return names().stream()
			.filter((relay) -> "leader".equals(health(relay).path(SOURCE).path("role").asString()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No relay leads source '" + SOURCE + "'"));
	}

	/**
	 * Waits until another relay than the given one leads the source and streams it.
	 * @param former the relay that led it
	 * @return the new leader
	 */
	String awaitTakeoverFrom(String former) {
		String leader = await("a relay other than " + former + " leads '" + SOURCE + "' and streams it")
			.atMost(TAKEOVER)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> names().stream()
				.filter((relay) -> !relay.equals(former))
				.filter(this::streamsTheSource)
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		System.out.printf("[faults] %s took over from %s%n", leader, former);
		return leader;
	}

	/**
	 * Waits until the relay stands by for every source.
	 * @param relay a relay
	 */
	void awaitStandingBy(String relay) {
		await(relay + " stands by for every source").atMost(TAKEOVER).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode sources = health(relay);
			return !sources.isEmpty()
					&& sources.valueStream().allMatch((source) -> "standby".equals(source.path("role").asString()));
		});
	}

	/**
	 * @param relay a relay
	 * @param metric a metric's name as Prometheus shows it
	 * @return its value, summed over every source
	 */
	double metric(String relay, String metric) {
		return this.actuator.metric(named(relay).health(), metric);
	}

	private List<String> names() {
		return this.relays.stream().map(Component::name).toList();
	}

	private boolean streamsTheSource(String relay) {
		JsonNode source = health(relay).path(SOURCE);
		return "leader".equals(source.path("role").asString()) && source.path("streaming").asBoolean();
	}

	// the details of the relay's health, by source; empty while it does not answer
	private JsonNode health(String relay) {
		try {
			return this.actuator.get(named(relay).health()).path("components").path("relay").path("details");
		}
		catch (IllegalStateException ex) {
			return this.actuator.nothing();
		}
	}

	private Component named(String relay) {
		return this.relays.stream()
			.filter((component) -> component.name().equals(relay))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No relay " + relay));
	}

}
