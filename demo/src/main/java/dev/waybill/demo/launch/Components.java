package dev.waybill.demo.launch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The demo's processes, in start order, and how each is configured.
 */
public final class Components {

	private static final String LOCALHOST = "127.0.0.1";

	private final Path root;

	private final Path runDirectory;

	private final Ports ports;

	private final Capture capture;

	private final Brokers brokers;

	private final Instances instances;

	/**
	 * Components with one broker.
	 * @param root the repository root (where the modules' {@code target} directories are)
	 * @param runDirectory the run directory (logs, pids, data)
	 * @param ports the ports
	 * @param capture how the relay reads the outbox tables, set on the relay and on both
	 * services
	 */
	public Components(Path root, Path runDirectory, Ports ports, Capture capture) {
		this(root, runDirectory, ports, capture, Brokers.SINGLE);
	}

	/**
	 * @param root the repository root (where the modules' {@code target} directories are)
	 * @param runDirectory the run directory (logs, pids, data)
	 * @param ports the ports
	 * @param capture how the relay reads the outbox tables, set on the relay and on both
	 * services
	 * @param brokers how many Kafka brokers, each a component of its own
	 */
	public Components(Path root, Path runDirectory, Ports ports, Capture capture, Brokers brokers) {
		this(root, runDirectory, ports, capture, brokers, Instances.SINGLE);
	}

	/**
	 * @param root the repository root (where the modules' {@code target} directories are)
	 * @param runDirectory the run directory (logs, pids, data)
	 * @param ports the ports
	 * @param capture how the relay reads the outbox tables, set on the relay and on both
	 * services
	 * @param brokers how many Kafka brokers, each a component of its own
	 * @param instances how many instances of each service and of the relay
	 */
	public Components(Path root, Path runDirectory, Ports ports, Capture capture, Brokers brokers,
			Instances instances) {
		this.root = root;
		this.runDirectory = runDirectory;
		this.ports = ports;
		this.capture = capture;
		this.brokers = brokers;
		this.instances = instances;
	}

	/**
	 * @return every component, in the order they start
	 */
	public List<Component> all() {
		return stages().stream().flatMap(List::stream).toList();
	}

	/**
	 * The components in stages: each stage needs the ones before it, and the components
	 * of one stage start side by side.
	 * @return the stages, in order
	 */
	public List<List<Component>> stages() {
		List<Component> stack = new ArrayList<>(List.of(postgres()));
		stack.addAll(brokers());
		List<Component> services = new ArrayList<>(inventoryServices());
		services.addAll(orderServices());
		return List.of(stack, services, relays());
	}

	/**
	 * @return the Kafka brokers: {@code kafka}, or {@code kafka-1} to {@code kafka-N}
	 */
	public List<Component> brokers() {
		if (this.brokers.count() == 1) {
			return List.of(new Component("kafka", stack("kafka"), Map.of(), this.ports.kafka(), null));
		}
		List<Component> nodes = new ArrayList<>();
		for (int node = 1; node <= this.brokers.count(); node++) {
			nodes.add(broker(node));
		}
		return nodes;
	}

	/**
	 * @return the {@code bootstrap.servers} value the services, the relay and the
	 * commands use: every broker
	 */
	public String bootstrapServers() {
		return this.brokers.bootstrapServers(this.ports);
	}

	/**
	 * @param name a component name
	 * @return the component
	 */
	public Component named(String name) {
		return all().stream()
			.filter((component) -> component.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown component '" + name + "'; known: " + all().stream().map(Component::name).toList()));
	}

	Component postgres() {
		return new Component("postgres", stack("postgres"), Map.of(), this.ports.postgres(), null);
	}

	// One node of the cluster: it listens on its own pair of ports, the controller port
	// given twice (as the stack's and as the quorum's) so that the node checks they agree
	private Component broker(int node) {
		List<String> command = java("embedded-stack", "512m");
		command.addAll(List.of("--servers=kafka", "--dir=" + this.runDirectory.resolve("stack"),
				"--postgres-port=" + this.ports.postgres(), "--kafka-port=" + this.ports.kafka(node),
				"--controller-port=" + this.ports.controller(node), "--node-id=" + node,
				"--quorum=" + this.brokers.quorum(this.ports), "--cluster-id=" + this.brokers.clusterId()));
		return new Component(this.brokers.names().get(node - 1), command, Map.of(), this.ports.kafka(node), null);
	}

	/**
	 * @return the instances of inventory-service
	 */
	public List<Component> inventoryServices() {
		return instances(
				(instance) -> service("inventory-service", instance, this.ports.inventory(instance), "inventory"));
	}

	/**
	 * @return the instances of order-service
	 */
	public List<Component> orderServices() {
		return instances((instance) -> service("order-service", instance, this.ports.order(instance), "orders"));
	}

	/**
	 * @return the relay instances: all share the sources, and each source is led by one
	 */
	public List<Component> relays() {
		return instances(this::relay);
	}

	private List<Component> instances(IntFunction<Component> instance) {
		return IntStream.rangeClosed(1, this.instances.count()).mapToObj(instance).toList();
	}

	private Component relay(int instance) {
		int port = this.ports.relay(instance);
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
		environment.put(CaptureRequest.RELAY_VARIABLE, this.capture.relayValue());
		addSource(environment, 0, "orders");
		addSource(environment, 1, "inventory");
		return new Component(this.instances.name("relay", instance), java("outbox-relay", "512m"), environment, port,
				health(port));
	}

	private void addSource(Map<String, String> environment, int index, String database) {
		String prefix = "WAYBILL_RELAY_SOURCES_" + index + "_";
		environment.put(prefix + "NAME", database);
		environment.put(prefix + "JDBC_URL", jdbcUrl(database));
		environment.put(prefix + "USERNAME", "relay");
		environment.put(prefix + "PASSWORD", "relay");
	}

	private Component service(String module, int instance, int port, String database) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("SPRING_DATASOURCE_URL", jdbcUrl(database));
		environment.put("SPRING_DATASOURCE_USERNAME", database);
		environment.put("SPRING_DATASOURCE_PASSWORD", database);
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
		return new Component(this.instances.name(module, instance), java(module, "384m"), environment, port,
				health(port));
	}

	private List<String> stack(String server) {
		List<String> command = java("embedded-stack", "512m");
		command.addAll(List.of("--servers=" + server, "--dir=" + this.runDirectory.resolve("stack"),
				"--postgres-port=" + this.ports.postgres(), "--kafka-port=" + this.ports.kafka(),
				"--controller-port=" + this.ports.controller()));
		return command;
	}

	private List<String> java(String module, String heap) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + heap);
		command.add("-jar");
		command.add(jar(module).toString());
		return command;
	}

	// The jar is looked up when the command is built; Supervisor#start says how to build
	// it when it is missing, so that status and stop work before anything was built.
	Path jar(String module) {
		Path target = this.root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElse(target.resolve(module + "-exec.jar"));
		}
		catch (IOException ex) {
			return target.resolve(module + "-exec.jar");
		}
	}

	private String jdbcUrl(String database) {
		return "jdbc:postgresql://" + LOCALHOST + ":" + this.ports.postgres() + "/" + database;
	}

	private static URI health(int port) {
		return URI.create("http://" + LOCALHOST + ":" + port + "/actuator/health");
	}

}
