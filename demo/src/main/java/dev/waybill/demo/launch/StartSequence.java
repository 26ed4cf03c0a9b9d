package dev.waybill.demo.launch;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code up} brings the components up: stage after stage, each stage's components
 * side by side, with the one-off steps between them that need what a stage before made
 * and must be done before the next one: a secured stack's secrets before any server, its
 * Kafka users and ACLs once the brokers are up and before any client, and the relay's
 * privileges once the services' migrations created the tables they are granted on.
 */
final class StartSequence {

	static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final Supervisor supervisor;

	private final PrintStream out;

	private final int postgresPort;

	StartSequence(Supervisor supervisor, PrintStream out, int postgresPort) {
		this.supervisor = supervisor;
		this.out = out;
		this.postgresPort = postgresPort;
	}

	/**
	 * Starts every stage of the components and waits until each component is healthy.
	 * @param components the components
	 * @param start when {@code up} began, for the times it prints
	 */
	void run(Components components, Instant start) {
		runSetup(components, "secrets");
		List<List<Component>> stages = components.stages();
		for (List<Component> stage : stages) {
			if (stage.equals(components.relays())) {
				grantRelayPrivileges(components);
			}
			startStage(stage, start);
			if (stage.equals(stages.get(0))) {
				runSetup(components, "access");
			}
		}
	}

	// the secured stack's one-off steps; nothing to do when plain
	private void runSetup(Components components, String step) {
		if (components.security().secured()) {
			this.supervisor.run(new Component("stack-setup", components.setup(step), Map.of(), 0, null), START_TIMEOUT);
			this.out.printf("  %-20s %s%n", "secured", step.equals("secrets")
					? "secrets in " + components.security().secrets() : "Kafka users and ACLs granted");
		}
	}

	private void grantRelayPrivileges(Components components) {
		new RelayPrivileges(components.jar("outbox-relay"), this.postgresPort).grant();
		this.out.printf("  %-20s granted in orders and inventory (relay-privileges.sql)%n", "relay privileges");
	}

	// the components of one stage start side by side
	private void startStage(List<Component> stage, Instant start) {
		stage.forEach(StartSequence::requirePortFree);
		stage.forEach(this.supervisor::start);
		for (Component component : stage) {
			this.supervisor.awaitHealthy(component, START_TIMEOUT);
			this.out.printf("  %-20s healthy after %5.1f s   log: %s%n", component.name(),
					Duration.between(start, Instant.now()).toMillis() / 1000.0, this.supervisor.logFile(component));
		}
	}

	private static void requirePortFree(Component component) {
		if (Health.isListening(component.port())) {
			throw new IllegalStateException("Port " + component.port() + " (for " + component.name()
					+ ") is taken by another program; free it or set WAYBILL_" + portVariable(component) + "_PORT");
		}
	}

	private static String portVariable(Component component) {
		String base = component.name().replaceFirst("-\\d+$", "");
		return switch (base) {
			case "order-service" -> "ORDER";
			case "inventory-service" -> "INVENTORY";
			default -> base.toUpperCase(Locale.ROOT);
		};
	}

}
