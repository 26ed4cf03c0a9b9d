package dev.waybill.system.faults;

import java.io.IOException;
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

import dev.waybill.audit.AuditTarget;
import dev.waybill.audit.Database;
import dev.waybill.demo.launch.Brokers;
import dev.waybill.demo.launch.Capture;
import dev.waybill.demo.launch.CaptureRequest;
import dev.waybill.demo.launch.Component;
import dev.waybill.demo.launch.Components;
import dev.waybill.demo.launch.Health;
import dev.waybill.demo.launch.Launcher;
import dev.waybill.demo.launch.Ports;
import dev.waybill.demo.launch.Supervisor;
import dev.waybill.stack.FreePorts;
import dev.waybill.stack.FullReplication;

import static org.awaitility.Awaitility.await;

/**
 * The demo's processes with three Kafka brokers, started in this JVM through the demo's
 * own {@link Launcher} on free ports and a run directory under
 * {@code system-tests/target}, with what the fault suite needs to break them and to look
 * inside.
 */
final class FaultSystem implements AutoCloseable {

	private static final int BROKERS = 3;

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

	private final Ports ports;

	private final Brokers brokers;

	private FaultSystem(Path runDirectory, Ports ports, Brokers brokers) {
		this.launcher = new Launcher(ROOT, runDirectory, ports, System.out);
		this.components = new Components(ROOT, runDirectory, ports,
				CAPTURE.map(CaptureRequest::capture).orElse(Capture.LOG), brokers);
		this.supervisor = new Supervisor(runDirectory, this.health);
		this.ports = ports;
		this.brokers = brokers;
	}

	/**
	 * Starts every component with fresh data.
	 * @param name the run directory's name under {@code system-tests/target}
	 * @return the running system
	 */
	static FaultSystem launch(String name) throws IOException {
		int[] free = FreePorts.take(4);
		// broker n listens on the first port + 2(n-1), its controller on the next one
		int brokerPorts = FreePorts.consecutive(2 * BROKERS);
		Ports ports = new Ports(free[0], brokerPorts, brokerPorts + 1, free[1], free[2], free[3]);
		Path runDirectory = ROOT.resolve("system-tests/target").resolve(name);
		Launcher launcher = new Launcher(ROOT, runDirectory, ports, System.out);
		launcher.up(true, CAPTURE, OptionalInt.of(BROKERS));
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

	URI orderService() {
		return URI.create("http://127.0.0.1:" + this.ports.order());
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

	private Database database(String name) {
		return new Database("jdbc:postgresql://127.0.0.1:" + this.ports.postgres() + "/" + name, name, name);
	}

}
