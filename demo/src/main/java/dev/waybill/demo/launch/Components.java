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

	// resolved by the component from its config tree, so no password is in its
	// environment
	private static final String PASSWORD_FROM_CONFIG_TREE = "${password}";

	private final Path root;

	private final Path runDirectory;

	private final Ports ports;

	private final Capture capture;

	private final Brokers brokers;

	private final Instances instances;

	private final Security security;

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
		this(root, runDirectory, ports, capture, brokers, instances,
				new Security(false, runDirectory.resolve("stack").resolve("secrets")));
	}

	/**
	 * @param root the repository root (where the modules' {@code target} directories are)
	 * @param runDirectory the run directory (logs, pids, data)
	 * @param ports the ports
	 * @param capture how the relay reads the outbox tables, set on the relay and on both
	 * services
	 * @param brokers how many Kafka brokers, each a component of its own
	 * @param instances how many instances of each service and of the relay
	 * @param security whether the connections are secured
	 */
	public Components(Path root, Path runDirectory, Ports ports, Capture capture, Brokers brokers, Instances instances,
			Security security) {
		this.security = security;
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
			List<String> command = stack("kafka");
			command.addAll(saslSsl(1));
			return List.of(new Component("kafka", command, Map.of(), this.ports.kafka(), null));
		}
		List<Component> nodes = new ArrayList<>();
		for (int node = 1; node <= this.brokers.count(); node++) {
			nodes.add(broker(node));
		}
		return nodes;
	}

	/**
	 * @return the {@code bootstrap.servers} value the commands use: every broker's
	 * PLAINTEXT listener, which stays the harness's own on loopback when secured
	 */
	public String bootstrapServers() {
		return this.brokers.bootstrapServers(this.ports);
	}

	/**
	 * @return the {@code bootstrap.servers} value the services and the relay use: every
	 * broker's secured listener when secured, as {@link #bootstrapServers()} otherwise
	 */
	public String clientBootstrapServers() {
		return this.security.secured() ? this.brokers.securedBootstrapServers(this.ports) : bootstrapServers();
	}

	/**
	 * The one-off steps of a secured stack: its secrets before any server starts, its
	 * Kafka users and ACLs once the brokers are up.
	 * @param step {@code secrets} or {@code access}
	 * @return the command that runs it
	 */
	public List<String> setup(String step) {
		List<String> command = java("embedded-stack", "256m");
		command.addAll(List.of("--setup=" + step, "--kafka-port=" + this.ports.kafka()));
		command.addAll(this.security.stackOptions());
		return command;
	}

	/**
	 * @return whether the connections are secured, and where the secrets are
	 */
	public Security security() {
		return this.security;
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
		command.addAll(this.security.stackOptions());
		command.addAll(saslSsl(node));
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
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", clientBootstrapServers());
		environment.putAll(this.security.kafkaEnvironment("relay"));
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
		if (this.security.secured()) {
			environment.put(prefix + "PASSWORD", PASSWORD_FROM_CONFIG_TREE);
			environment.put(prefix + "SSL_MODE", "VERIFY_FULL");
			environment.put(prefix + "SSL_ROOT_CERT", this.security.authority().toString());
		}
		else {
			environment.put(prefix + "PASSWORD", "relay");
		}
	}

	private Component service(String module, int instance, int port, String database) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("SPRING_DATASOURCE_URL", this.security.jdbcUrl(jdbcUrl(database)));
		environment.put("SPRING_DATASOURCE_USERNAME", database);
		environment.put("SPRING_DATASOURCE_PASSWORD", this.security.secured() ? PASSWORD_FROM_CONFIG_TREE : database);
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", clientBootstrapServers());
		environment.putAll(this.security.kafkaEnvironment(database));
		return new Component(this.instances.name(module, instance), java(module, "384m"), environment, port,
				health(port));
	}

	private List<String> stack(String server) {
		List<String> command = java("embedded-stack", "512m");
		command.addAll(List.of("--servers=" + server, "--dir=" + this.runDirectory.resolve("stack"),
				"--postgres-port=" + this.ports.postgres(), "--kafka-port=" + this.ports.kafka(),
				"--controller-port=" + this.ports.controller()));
		command.addAll(this.security.stackOptions());
		return command;
	}

	private List<String> saslSsl(int node) {
		return this.security.secured() ? List.of("--sasl-ssl-port=" + this.ports.kafkaSecured(node)) : List.of();
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
