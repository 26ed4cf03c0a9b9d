package dev.waybill.system.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import dev.waybill.audit.AuditTarget;
import dev.waybill.audit.Database;
import dev.waybill.demo.launch.Brokers;
import dev.waybill.demo.launch.Capture;
import dev.waybill.demo.launch.CaptureRequest;
import dev.waybill.demo.launch.Component;
import dev.waybill.demo.launch.Components;
import dev.waybill.demo.launch.Health;
import dev.waybill.demo.launch.Instances;
import dev.waybill.demo.launch.Launcher;
import dev.waybill.demo.launch.Ports;
import dev.waybill.demo.launch.Supervisor;
import dev.waybill.stack.FreePorts;
import dev.waybill.stack.FullReplication;

import static org.awaitility.Awaitility.await;

/**
 * The demo's processes with three Kafka brokers and two instances of each service and of
 * the relay, started in this JVM through the demo's own {@link Launcher} on free ports
 * and a run directory under {@code system-tests/target}, with what the fault suite needs
 * to break them and to look inside.
 */
final class FaultSystem implements AutoCloseable {

	private static final int BROKERS = 3;

	private static final Instances INSTANCES = new Instances(2);

	// how long a broker may take to rejoin every partition's in-sync replicas
	private static final Duration IN_SYNC = Duration.ofMinutes(2);

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	// WAYBILL_RELAY_CAPTURE=POLLING runs the suite on
	// polling capture (RELIABILITY.md)
	private static final Optional<CaptureRequest> CAPTURE = CaptureRequest.of(null, System.getenv());

	private static final String ORDER_STATUSES = """
			SELECT id::text, status FROM customer_order""";

	private final Launcher launcher;

	private final Components components;

	private final Supervisor supervisor;

	private final Health health = new Health();

	private final Actuator actuator = new Actuator();

	private final RelayLeadership relays;

	private final Ports ports;

	private final Brokers brokers;

	private FaultSystem(Path runDirectory, Ports ports, Brokers brokers) {
		this.launcher = new Launcher(ROOT, runDirectory, ports, System.out);
		this.components = new Components(ROOT, runDirectory, ports,
				CAPTURE.map(CaptureRequest::capture).orElse(Capture.LOG), brokers, INSTANCES);
		this.supervisor = new Supervisor(runDirectory, this.health);
		this.ports = ports;
		this.brokers = brokers;
		this.relays = new RelayLeadership(this.components.relays(), this.actuator);
	}

	/**
	 * Starts every component with fresh data.
	 * @param name the run directory's name under {@code system-tests/target}
	 * @return the running system
	 */
	static FaultSystem launch(String name) throws IOException {
		int postgres = FreePorts.take(1)[0];
		// broker n listens on the first port + 2(n-1), its controller on the next one
		int brokerPorts = FreePorts.consecutive(2 * BROKERS);
		// instance n of order-service, inventory-service and the relay on the first
		// three + 3(n-1)
		int httpPorts = FreePorts.consecutive(3 * INSTANCES.count());
		Ports ports = new Ports(postgres, brokerPorts, brokerPorts + 1, httpPorts, httpPorts + 1, httpPorts + 2);
		Path runDirectory = ROOT.resolve("system-tests/target").resolve(name);
		Launcher launcher = new Launcher(ROOT, runDirectory, ports, System.out);
		launcher.up(true, CAPTURE, OptionalInt.of(BROKERS), INSTANCES);
		return new FaultSystem(runDirectory, ports, launcher.brokers());
	}

	/**
	 * @return every component's name, the brokers' included
	 */
	List<String> components() {
		return this.components.all().stream().map(Component::name).toList();
	}

	/**
	 * @return the broker components' names, in node id order
	 */
	List<String> brokers() {
		return this.brokers.names();
	}

	/**
	 * @param nodeId a broker's node id
	 * @return its component's name
	 */
	String broker(int nodeId) {
		return brokers().get(nodeId - 1);
	}

	/**
	 * @param instance a service instance
	 * @return how many partitions its consumers are assigned, as its Kafka client metrics
	 * tell
	 */
	int assignedPartitions(String instance) {
		return (int) this.actuator.metric(baseUrl(this.components.named(instance)),
				"kafka_consumer_coordinator_assigned_partitions");
	}

	BrokerRoles brokerRoles() {
		return new BrokerRoles(bootstrapServers());
	}

	/**
	 * Waits until the controller has handed every partition the broker led to another
	 * in-sync replica, which it does once the broker's session expires.
	 * @param broker a broker component that is down
	 */
	void awaitLeadershipMovedFrom(String broker) {
		int nodeId = brokers().indexOf(broker) + 1;
		await("the partitions led by " + broker + " have new leaders").atMost(IN_SYNC)
			.pollInterval(Duration.ofMillis(500))
			.ignoreException(IllegalStateException.class)
			.until(() -> brokerRoles().leaderships(nodeId) == 0);
	}

	/**
	 * Waits until every broker is back and every partition has its whole replica set in
	 * sync, as Kafka's own system test does between two broker bounces.
	 */
	void awaitBrokersInSync() {
		Duration took = new FullReplication(bootstrapServers(), BROKERS).await(IN_SYNC);
		System.out.printf("[faults] every partition fully in sync after %.1f s%n", took.toMillis() / 1000.0);
	}

	String bootstrapServers() {
		return this.brokers.bootstrapServers(this.ports);
	}

	void kill(String component) {
		this.launcher.kill(component);
	}

	void stop(String component) {
		this.launcher.stop(component);
	}

	/** Starts the component and waits until it is healthy. */
	void start(String component) {
		this.launcher.start(component, CAPTURE);
	}

	/** Stops the component gracefully if it runs, then starts it. */
	void restart(String component) {
		this.launcher.restart(component, CAPTURE);
	}

	boolean isHealthy(String name) {
		Component component = this.components.named(name);
		return this.supervisor.process(component).isPresent() && this.health.isHealthy(component);
	}

	/**
	 * @param name a component
	 * @return what its health endpoint answers now, for the record when it is restarted
	 */
	String healthReport(String name) {
		Component component = this.components.named(name);
		if (this.supervisor.process(component).isEmpty()) {
			return "process not running";
		}
		if (component.health() == null) {
			return "port " + component.port() + (this.health.isHealthy(component) ? " open" : " closed");
		}
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(component.health()).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
			return response.statusCode() + " " + response.body();
		}
		catch (IOException ex) {
			return ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * @return the base URL of every order-service instance
	 */
	List<URI> orderServices() {
		return this.components.orderServices().stream().map(FaultSystem::baseUrl).toList();
	}

	URI inventoryService() {
		return URI.create("http://127.0.0.1:" + this.ports.inventory());
	}

	AuditTarget auditTarget() {
		return new AuditTarget(database("orders"), database("inventory"), bootstrapServers(),
				AuditTarget.DEFAULT_TOPIC_PREFIX, AuditTarget.DEFAULT_CONSUMER_DEAD_LETTER_SUFFIX,
				AuditTarget.DEFAULT_RELAY_DEAD_LETTER_TOPIC, Duration.ZERO);
	}

	/**
	 * Reads every order's status straight from order-service's database, which a settled
	 * check needs for thousands of orders at once.
	 * @return status by order id
	 */
	Map<String, String> orderStatuses() throws SQLException {
		Database orders = database("orders");
		Map<String, String> statuses = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(orders.jdbcUrl(), orders.username(),
				orders.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(ORDER_STATUSES)) {
			while (rows.next()) {
				statuses.put(rows.getString(1), rows.getString(2));
			}
		}
		return statuses;
	}

	@Override
	public void close() {
		this.launcher.stopAll();
	}

	/**
	 * @return the names of the services' instance components: {@code order-service-1}...
	 */
	List<String> instances(String service) {
		return INSTANCES.names(service);
	}

	/**
	 * @return which relay leads, and the waits for a takeover
	 */
	RelayLeadership relays() {
		return this.relays;
	}

	/**
	 * Takes the leading relay down and waits until the other one leads and streams the
	 * source.
	 * @param fault what takes it down: a kill or a graceful stop
	 * @return the relay taken down
	 */
	String takeDownLeadingRelay(Consumer<String> fault) {
		String leader = this.relays.leader();
		fault.accept(leader);
		this.relays.awaitTakeoverFrom(leader);
		return leader;
	}

	/**
	 * Stops the component's process with SIGSTOP, as a long pause (a GC, a frozen VM)
	 * would, or lets it go on with SIGCONT.
	 * @param component the component
	 * @param paused whether to pause it or let it go on
	 */
	void pause(String component, boolean paused) {
		long pid = this.supervisor.process(this.components.named(component))
			.orElseThrow(() -> new IllegalStateException(component + " is not running"))
			.pid();
		try {
			Process kill = new ProcessBuilder("kill", paused ? "-STOP" : "-CONT", Long.toString(pid)).inheritIO()
				.start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill " + (paused ? "-STOP " : "-CONT ") + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static URI baseUrl(Component component) {
		return URI.create("http://127.0.0.1:" + component.port());
	}

	private Database database(String name) {
		return new Database("jdbc:postgresql://127.0.0.1:" + this.ports.postgres() + "/" + name, name, name);
	}

}
