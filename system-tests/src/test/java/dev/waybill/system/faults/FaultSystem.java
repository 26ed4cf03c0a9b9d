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

import dev.waybill.audit.AuditTarget;
import dev.waybill.audit.Database;
import dev.waybill.demo.launch.Capture;
import dev.waybill.demo.launch.CaptureRequest;
import dev.waybill.demo.launch.Component;
import dev.waybill.demo.launch.Components;
import dev.waybill.demo.launch.Health;
import dev.waybill.demo.launch.Launcher;
import dev.waybill.demo.launch.Ports;
import dev.waybill.demo.launch.Supervisor;
import dev.waybill.stack.FreePorts;

/**
 * The demo's five processes, started in this JVM through the demo's own {@link Launcher}
 * on free ports and a run directory under {@code system-tests/target}, with what the
 * fault suite needs to break them and to look inside.
 */
final class FaultSystem implements AutoCloseable {

	static final List<String> COMPONENTS = List.of("postgres", "kafka", "inventory-service", "order-service", "relay");

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

	private FaultSystem(Path runDirectory, Ports ports) {
		this.launcher = new Launcher(ROOT, runDirectory, ports, System.out);
		this.components = new Components(ROOT, runDirectory, ports,
				CAPTURE.map(CaptureRequest::capture).orElse(Capture.LOG));
		this.supervisor = new Supervisor(runDirectory, this.health);
		this.ports = ports;
	}

	/**
	 * Starts every component with fresh data.
	 * @param name the run directory's name under {@code system-tests/target}
	 * @return the running system
	 */
	static FaultSystem launch(String name) throws IOException {
		int[] free = FreePorts.take(6);
		Ports ports = new Ports(free[0], free[1], free[2], free[3], free[4], free[5]);
		FaultSystem system = new FaultSystem(ROOT.resolve("system-tests/target").resolve(name), ports);
		system.launcher.up(true, CAPTURE);
		return system;
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
		return new AuditTarget(database("orders"), database("inventory"), "127.0.0.1:" + this.ports.kafka(),
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
