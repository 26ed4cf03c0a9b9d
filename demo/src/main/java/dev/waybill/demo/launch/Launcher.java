package dev.waybill.demo.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's life cycle: bring everything up, report status, stop, restart or kill one
 * component.
 */
public final class Launcher {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final Components components;

	private final Supervisor supervisor;

	private final Ports ports;

	private final Path runDirectory;

	private final PrintStream out;

	/**
	 * @param root the repository root
	 * @param runDirectory the run directory
	 * @param ports the ports
	 * @param out where to report
	 */
	public Launcher(Path root, Path runDirectory, Ports ports, PrintStream out) {
		this.components = new Components(root, runDirectory, ports);
		this.supervisor = new Supervisor(runDirectory, new Health());
		this.ports = ports;
		this.runDirectory = runDirectory;
		this.out = out;
	}

	/**
	 * Starts every component in order and waits until each is healthy.
	 * @param fresh whether to throw away the data of earlier runs first
	 * @return how long it took until all were healthy
	 */
	public Duration up(boolean fresh) {
		stopAll();
		if (fresh) {
			deleteData();
		}
		Instant start = Instant.now();
		for (List<Component> stage : this.components.stages()) {
			stage.forEach(this::requirePortFree);
			stage.forEach(this.supervisor::start);
			for (Component component : stage) {
				this.supervisor.awaitHealthy(component, START_TIMEOUT);
				this.out.printf("  %-18s healthy after %5.1f s   log: %s%n", component.name(),
						Duration.between(start, Instant.now()).toMillis() / 1000.0, this.supervisor.logFile(component));
			}
		}
		int created = new DemoProducts(URI.create("http://127.0.0.1:" + this.ports.inventory())).seed();
		if (created > 0) {
			this.out.printf("  created %d demo products%n", created);
		}
		return Duration.between(start, Instant.now());
	}

	/** Stops every component, the last started first. */
	public void stopAll() {
		List<Component> all = this.components.all();
		for (int i = all.size() - 1; i >= 0; i--) {
			if (this.supervisor.stop(all.get(i))) {
				this.out.printf("  stopped %s%n", all.get(i).name());
			}
		}
	}

	/**
	 * Prints each component's process and health.
	 * @return whether all are healthy
	 */
	public boolean status() {
		boolean allHealthy = true;
		Health health = new Health();
		for (Component component : this.components.all()) {
			String pid = this.supervisor.process(component).map((p) -> Long.toString(p.pid())).orElse("-");
			boolean healthy = !"-".equals(pid) && health.isHealthy(component);
			allHealthy &= healthy;
			this.out.printf("  %-18s pid %-8s port %-6d %s%n", component.name(), pid, component.port(),
					"-".equals(pid) ? "STOPPED" : (healthy ? "HEALTHY" : "UNHEALTHY"));
		}
		return allHealthy;
	}

	/**
	 * Starts one component and waits for it.
	 * @param name the component's name
	 */
	public void start(String name) {
		Component component = this.components.named(name);
		this.supervisor.start(component);
		Duration took = this.supervisor.awaitHealthy(component, START_TIMEOUT);
		this.out.printf("  %s healthy in %.1f s%n", name, took.toMillis() / 1000.0);
	}

	/**
	 * Stops one component gracefully.
	 * @param name the component's name
	 */
	public void stop(String name) {
		this.out.printf(this.supervisor.stop(this.components.named(name)) ? "  stopped %s%n" : "  %s was not running%n",
				name);
	}

	/**
	 * Kills one component with SIGKILL, as a crash would.
	 * @param name the component's name
	 */
	public void kill(String name) {
		this.out.printf(this.supervisor.kill(this.components.named(name)) ? "  killed %s%n" : "  %s was not running%n",
				name);
	}

	/**
	 * @return the ports
	 */
	public Ports ports() {
		return this.ports;
	}

	private void requirePortFree(Component component) {
		if (Health.isListening(component.port())) {
			throw new IllegalStateException("Port " + component.port() + " (for " + component.name()
					+ ") is taken by another program; free it or set WAYBILL_" + portVariable(component) + "_PORT");
		}
	}

	private static String portVariable(Component component) {
		return switch (component.name()) {
			case "order-service" -> "ORDER";
			case "inventory-service" -> "INVENTORY";
			default -> component.name().toUpperCase(java.util.Locale.ROOT);
		};
	}

	private void deleteData() {
		Path stack = this.runDirectory.resolve("stack");
		if (!Files.exists(stack)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(stack)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + stack, ex);
		}
		this.out.println("  deleted the data of earlier runs");
	}

}
