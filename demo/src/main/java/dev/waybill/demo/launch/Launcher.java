package dev.waybill.demo.launch;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The demo's life cycle: bring everything up, report status, stop, restart or kill one
 * component.
 */
public final class Launcher {

	private final Path root;

	private final Path runDirectory;

	private final Supervisor supervisor;

	private final Ports ports;

	private final DemoData data;

	private final PrintStream out;

	/**
	 * @param root the repository root
	 * @param runDirectory the run directory
	 * @param ports the ports
	 * @param out where to report
	 */
	public Launcher(Path root, Path runDirectory, Ports ports, PrintStream out) {
		this.root = root;
		this.runDirectory = runDirectory;
		this.supervisor = new Supervisor(runDirectory, new Health());
		this.ports = ports;
		this.data = new DemoData(runDirectory);
		this.out = out;
	}

	/**
	 * Starts every component in order and waits until each is healthy, with as many
	 * brokers as the data has (one on new data). Existing data keeps the capture it was
	 * written under; asking for the other one is refused before anything is stopped.
	 * @param fresh whether to throw away the data of earlier runs first
	 * @param request the capture asked for, if any; {@code log} on new data otherwise
	 * @return how long it took until all were healthy
	 */
	public Duration up(boolean fresh, Optional<CaptureRequest> request) {
		return up(fresh, request, OptionalInt.empty());
	}

	/**
	 * Starts every component in order and waits until each is healthy. Existing data
	 * keeps the capture it was written under and the number of brokers that hold it;
	 * asking for log capture on polling data switches it, and any other change is refused
	 * before anything is stopped.
	 * @param fresh whether to throw away the data of earlier runs first
	 * @param request the capture asked for, if any; {@code log} on new data otherwise
	 * @param brokers how many brokers to run (1 or 3), if asked; one on new data
	 * otherwise
	 * @return how long it took until all were healthy
	 */
	public Duration up(boolean fresh, Optional<CaptureRequest> request, OptionalInt brokers) {
		return up(fresh, request, brokers, Instances.SINGLE);
	}

	/**
	 * Starts every component in order, with this many instances of each service and of
	 * the relay, and waits until each is healthy; otherwise as
	 * {@link #up(boolean, Optional, OptionalInt)}. Whatever the last {@code up} started
	 * is stopped first, however many instances it had.
	 * @param fresh whether to throw away the data of earlier runs first
	 * @param request the capture asked for, if any; {@code log} on new data otherwise
	 * @param brokers how many brokers to run (1 or 3), if asked; one on new data
	 * otherwise
	 * @param instances how many instances of each service and of the relay
	 * @return how long it took until all were healthy
	 */
	public Duration up(boolean fresh, Optional<CaptureRequest> request, OptionalInt brokers, Instances instances) {
		return up(fresh, request, brokers, instances, Optional.empty());
	}

	/**
	 * Starts every component in order, as
	 * {@link #up(boolean, Optional, OptionalInt, Instances)} does, over secured
	 * connections or not: secured, the stack's secrets are made first (kept with the
	 * data), PostgreSQL takes the roles over TLS only, each broker gains a SCRAM-over-TLS
	 * listener, and the relay's and services' Kafka users and ACLs are created before
	 * they start.
	 * @param fresh whether to throw away the data of earlier runs first
	 * @param request the capture asked for, if any; {@code log} on new data otherwise
	 * @param brokers how many brokers to run (1 or 3), if asked; one on new data
	 * otherwise
	 * @param instances how many instances of each service and of the relay
	 * @param secured whether to secure the connections, if asked; as the data was
	 * otherwise, plain on new data
	 * @return how long it took until all were healthy
	 */
	public Duration up(boolean fresh, Optional<CaptureRequest> request, OptionalInt brokers, Instances instances,
			Optional<Boolean> secured) {
		Capture capture = chooseCapture(request, fresh);
		Brokers chosen = chooseBrokers(brokers, fresh);
		Security security = this.data.chooseSecurity(secured, fresh);
		this.ports.requireDistinct(chosen.count(), instances.count(), security.secured());
		stopAll();
		instances.recordIn(this.runDirectory);
		if (fresh && this.data.delete()) {
			this.out.println("  deleted the data of earlier runs");
		}
		this.data.record(capture);
		this.data.record(chosen);
		this.data.record(security);
		printCapture(Optional.of(capture));
		Instant start = Instant.now();
		new StartSequence(this.supervisor, this.out, this.ports.postgres())
			.run(components(capture, chosen, instances, security), start);
		int created = new DemoProducts(URI.create("http://127.0.0.1:" + this.ports.inventory())).seed();
		if (created > 0) {
			this.out.printf("  created %d demo products%n", created);
		}
		return Duration.between(start, Instant.now());
	}

	/**
	 * @return whether the data's connections are secured, and where the secrets are
	 */
	public Security security() {
		return this.data.security().orElseGet(() -> this.data.chooseSecurity(Optional.empty(), false));
	}

	/**
	 * The capture {@link #up} starts with: the one asked for on new data, the data's own
	 * otherwise.
	 * @param request the capture asked for, if any
	 * @param fresh whether the data is to be thrown away
	 * @return the capture
	 * @throws IllegalStateException when the request contradicts the existing data
	 */
	public Capture chooseCapture(Optional<CaptureRequest> request, boolean fresh) {
		return this.data.chooseCapture(request, fresh);
	}

	/**
	 * The brokers {@link #up} starts with: as many as asked for on new data (one unless
	 * asked), the data's own otherwise.
	 * @param request how many brokers were asked for, if any
	 * @param fresh whether the data is to be thrown away
	 * @return the brokers
	 * @throws IllegalStateException when the request contradicts the existing data
	 * @throws IllegalArgumentException when the number is neither 1 nor 3
	 */
	public Brokers chooseBrokers(OptionalInt request, boolean fresh) {
		return this.data.chooseBrokers(request, fresh);
	}

	/**
	 * Stops every component, the last stage first. The components of one stage stop side
	 * by side: a broker of a cluster stops in order only while a majority of the quorum
	 * is up, so the brokers go together rather than one after the other.
	 */
	public void stopAll() {
		List<List<Component>> stages = components().stages();
		for (int i = stages.size() - 1; i >= 0; i--) {
			List<CompletableFuture<Void>> stops = stages.get(i)
				.stream()
				.map((component) -> CompletableFuture.runAsync(() -> {
					if (this.supervisor.stop(component)) {
						this.out.printf("  stopped %s%n", component.name());
					}
				}, (task) -> new Thread(task, "stop-" + component.name()).start()))
				.toList();
			CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
		}
	}

	/**
	 * Prints each component's process and health.
	 * @return whether all are healthy
	 */
	public boolean status() {
		printCapture(this.data.capture());
		boolean allHealthy = true;
		Health health = new Health();
		for (Component component : components().all()) {
			String pid = this.supervisor.process(component).map((p) -> Long.toString(p.pid())).orElse("-");
			boolean healthy = !"-".equals(pid) && health.isHealthy(component);
			allHealthy &= healthy;
			String roles = (healthy && component.name().startsWith("relay")) ? health.relayRoles(component) : "";
			this.out.printf("  %-20s pid %-8s port %-6d %s%s%n", component.name(), pid, component.port(),
					"-".equals(pid) ? "STOPPED" : (healthy ? "HEALTHY" : "UNHEALTHY"),
					roles.isEmpty() ? "" : "   " + roles);
		}
		return allHealthy;
	}

	/**
	 * Starts one component and waits for it, with the capture of the existing data.
	 * @param name the component's name
	 * @param request the capture asked for, if any: polling on log data is refused
	 */
	public void start(String name, Optional<CaptureRequest> request) {
		start(name, chooseCapture(request, false));
	}

	/**
	 * Stops one component gracefully and starts it again, as {@link #start} would.
	 * @param name the component's name
	 * @param request the capture asked for, if any: refused before the stop
	 */
	public void restart(String name, Optional<CaptureRequest> request) {
		Capture capture = chooseCapture(request, false);
		stop(name);
		start(name, capture);
	}

	private void start(String name, Capture capture) {
		this.data.record(capture);
		Component component = components(capture).named(name);
		this.supervisor.start(component);
		Duration took = this.supervisor.awaitHealthy(component, StartSequence.START_TIMEOUT);
		this.out.printf("  %s healthy in %.1f s%n", name, took.toMillis() / 1000.0);
	}

	/**
	 * Stops one component gracefully.
	 * @param name the component's name
	 */
	public void stop(String name) {
		this.out.printf(this.supervisor.stop(components().named(name)) ? "  stopped %s%n" : "  %s was not running%n",
				name);
	}

	/**
	 * Kills one component with SIGKILL, as a crash would.
	 * @param name the component's name
	 */
	public void kill(String name) {
		this.out.printf(this.supervisor.kill(components().named(name)) ? "  killed %s%n" : "  %s was not running%n",
				name);
	}

	/**
	 * @return where the logs, the pid files and the data are
	 */
	public Path runDirectory() {
		return this.runDirectory;
	}

	/**
	 * @return the ports
	 */
	public Ports ports() {
		return this.ports;
	}

	/**
	 * @return the brokers of the data: one when there is none yet
	 */
	public Brokers brokers() {
		return this.data.brokers().orElse(Brokers.SINGLE);
	}

	/**
	 * @return the instances the last {@code up} started: one when none did
	 */
	public Instances instances() {
		return Instances.startedIn(this.runDirectory);
	}

	/**
	 * @return the base URLs of every order-service instance, to spread HTTP load over
	 */
	public List<URI> orderServices() {
		return components().orderServices()
			.stream()
			.map((component) -> URI.create("http://127.0.0.1:" + component.port()))
			.toList();
	}

	/**
	 * @return the names of the broker components: {@code kafka}, or {@code kafka-1} to
	 * {@code kafka-3}
	 */
	public List<String> brokerNames() {
		return brokers().names();
	}

	/**
	 * @return the {@code bootstrap.servers} value listing every broker
	 */
	public String bootstrapServers() {
		return brokers().bootstrapServers(this.ports);
	}

	/**
	 * @return the {@code bootstrap.servers} value the services and the relay use: the
	 * secured listeners when secured
	 */
	public String clientBootstrapServers() {
		return components().clientBootstrapServers();
	}

	private void printCapture(Optional<Capture> capture) {
		this.out.printf("  %-20s %s%n", "capture",
				capture.map((recorded) -> recorded.value() + ", recorded with the data in " + this.data.directory())
					.orElse("none yet (no data: up starts with log, or as --capture says)"));
	}

	// Their ports and pid files do not depend on the capture: only a component about to
	// start needs the right one. Which brokers there are is the data's.
	private Components components() {
		return components(Capture.LOG);
	}

	private Components components(Capture capture) {
		return components(capture, brokers(), instances(), security());
	}

	private Components components(Capture capture, Brokers brokers, Instances instances, Security security) {
		return new Components(this.root, this.runDirectory, this.ports, capture, brokers, instances, security);
	}

}
