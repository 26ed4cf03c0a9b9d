package dev.waybill.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.slf4j.LoggerFactory;

/**
 * Runs the embedded stack as a standalone process, for the demo.
 *
 * <p>
 * Options (all optional): {@code --dir=PATH} (default {@code run/stack}),
 * {@code --postgres-port=5433}, {@code --kafka-port=9092},
 * {@code --controller-port=9093}, {@code --servers=postgres,kafka},
 * {@code --databases=shipping,billing}: a database for each of one's own services besides
 * {@code orders} and {@code inventory}, owned by a role of the same name and password,
 * which the relay's role may act for. When the servers are up it prints one line starting
 * with {@code READY}; it stops them on SIGTERM or Ctrl-C.
 *
 * <p>
 * With {@code --servers=kafka}, three more options make the process one node of a cluster
 * (see {@link KafkaBroker}): {@code --node-id=2}, {@code --quorum=} the cluster's voters
 * as Kafka's {@code controller.quorum.voters} is written
 * ({@code 1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097}) and {@code --cluster-id=}
 * the id every node is formatted with, the same on each node. The node's controller
 * listens on its port in the quorum ({@code --controller-port}, if given, must agree),
 * and its logs live in {@code DIR/kafka-ID}; a single broker keeps {@code DIR/kafka}.
 *
 * <p>
 * Secured ({@link StackSecrets}): {@code --secrets=DIR} makes PostgreSQL take the roles
 * over TLS only, with the passwords in {@code DIR}, and {@code --sasl-ssl-port=N} gives
 * the broker a SCRAM-over-TLS listener on {@code N} with ACLs ({@link SaslSslListener}).
 * Two one-off steps run as processes of their own and exit: {@code --setup=secrets} makes
 * the CA, the certificate and the passwords before any server starts, and
 * {@code --setup=access} creates the Kafka users and their ACLs ({@link StackPrincipals})
 * through the broker on {@code --kafka-port} once it is up.
 */
public final class StackLauncher {

	/** The start of the line printed once the servers accept connections. */
	public static final String READY = "WAYBILL STACK READY";

	private static final Set<String> OPTIONS = Set.of("dir", "postgres-port", "kafka-port", "controller-port",
			"servers", "node-id", "quorum", "cluster-id", "databases", "secrets", "sasl-ssl-port", "setup");

	// a role and a database named alike, unquoted in PostgreSQL: lower case keeps the
	// name the same whichever way a client writes it
	private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final Set<String> NODE_OPTIONS = Set.of("node-id", "quorum", "cluster-id");

	private static final String MARKER_SENDER = "kafka.coordinator.transaction.TransactionMarkerChannelManager";

	private StackLauncher() {
	}

	/**
	 * Starts the stack and keeps running until the process is asked to stop.
	 * @param args the options described on the class
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static void main(String[] args) throws InterruptedException {
		Map<String, String> options = options(args);
		StackSettings settings = settings(options);
		Optional<StackSecrets> secrets = secrets(options);
		if (options.containsKey("setup")) {
			StackSetup.run(options.get("setup"), secrets, settings);
			return;
		}
		Set<String> servers = servers(options);
		Optional<ClusterNode> node = clusterNode(options, servers);
		List<ServiceDatabase> databases = databases(options, servers);
		quietenBrokerLogs();
		if (node.isPresent()) {
			runNode(node.get(), settings, saslSsl(options, secrets));
			return;
		}
		EmbeddedStack stack = secrets.map((given) -> new EmbeddedStack(settings, given))
			.orElseGet(() -> new EmbeddedStack(settings));
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
		if (servers.contains("postgres")) {
			stack.startPostgres();
			databases.forEach(stack::createDatabase);
		}
		if (servers.contains("kafka")) {
			secured(stack.kafka(), saslSsl(options, secrets)).start();
		}
		System.out.printf("%s servers=%s postgres=%s kafka=%s dir=%s%n", READY, String.join(",", servers),
				stack.postgres().jdbcUrl("postgres"), stack.bootstrapServers(), settings.directory().toAbsolutePath());
		Thread.currentThread().join();
	}

	private static void runNode(ClusterNode node, StackSettings settings, Optional<SaslSslListener> saslSsl)
			throws InterruptedException {
		KafkaBroker broker = secured(new KafkaBroker(node.nodeId(), settings.kafkaPort(), node.quorum(),
				settings.kafkaDirectory(node.nodeId())), saslSsl);
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "node-shutdown"));
		broker.start();
		System.out.printf("%s servers=kafka node=%d quorum=%s kafka=%s dir=%s%n", READY, node.nodeId(),
				node.quorum().controllerQuorumVoters(), broker.bootstrapServers(),
				broker.logDirectory().toAbsolutePath());
		Thread.currentThread().join();
	}

	private static KafkaBroker secured(KafkaBroker broker, Optional<SaslSslListener> saslSsl) {
		return saslSsl.map(broker::withSaslSsl).orElse(broker);
	}

	static Optional<StackSecrets> secrets(Map<String, String> options) {
		return Optional.ofNullable(options.get("secrets")).map(Path::of).map(StackSecrets::new);
	}

	static Optional<SaslSslListener> saslSsl(Map<String, String> options, Optional<StackSecrets> secrets) {
		if (!options.containsKey("sasl-ssl-port")) {
			return Optional.empty();
		}
		StackSecrets given = secrets.orElseThrow(() -> new IllegalArgumentException(
				"--sasl-ssl-port needs --secrets=DIR, where the broker's certificate is"));
		return Optional.of(new SaslSslListener(number(options, "sasl-ssl-port", 0), given.certificates()));
	}

	static StackSettings parse(String[] args) {
		return settings(options(args));
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			String[] pair = arg.substring(2).split("=", 2);
			if (!OPTIONS.contains(pair[0])) {
				throw new IllegalArgumentException("Unknown option --" + pair[0] + "; known: " + OPTIONS);
			}
			options.put(pair[0], pair[1]);
		}
		return options;
	}

	static Set<String> servers(Map<String, String> options) {
		Set<String> servers = new LinkedHashSet<>(
				List.of(options.getOrDefault("servers", "postgres,kafka").split(",")));
		if (servers.isEmpty() || !Set.of("postgres", "kafka").containsAll(servers)) {
			throw new IllegalArgumentException("--servers takes postgres, kafka or both, got " + servers);
		}
		return servers;
	}

	static List<ServiceDatabase> databases(Map<String, String> options, Set<String> servers) {
		String names = options.getOrDefault("databases", "");
		if (names.isBlank()) {
			return List.of();
		}
		if (!servers.contains("postgres")) {
			throw new IllegalArgumentException("--databases needs PostgreSQL: add postgres to --servers");
		}
		return List.of(names.split(",")).stream().map(String::trim).map((name) -> {
			if (!DATABASE.matcher(name).matches()) {
				throw new IllegalArgumentException("--databases takes names of lower-case letters, digits and "
						+ "underscores, not starting with a digit, got '" + name + "'");
			}
			return new ServiceDatabase(name, name, name);
		}).toList();
	}

	/**
	 * Reads the options that make this process one node of a cluster.
	 * @param options the options
	 * @param servers the servers this process runs
	 * @return the node, or empty for a stack of its own
	 */
	static Optional<ClusterNode> clusterNode(Map<String, String> options, Set<String> servers) {
		Set<String> given = new TreeSet<>(options.keySet());
		given.retainAll(NODE_OPTIONS);
		if (given.isEmpty()) {
			return Optional.empty();
		}
		if (given.size() < NODE_OPTIONS.size()) {
			throw new IllegalArgumentException("One node of a cluster needs --node-id, --quorum and --cluster-id "
					+ "together; only " + given.stream().map((name) -> "--" + name).toList() + " given");
		}
		if (!servers.equals(Set.of("kafka"))) {
			throw new IllegalArgumentException("A cluster node runs Kafka alone: add --servers=kafka");
		}
		int nodeId = number(options, "node-id", 0);
		KafkaQuorum quorum = KafkaQuorum.parse(options.getOrDefault("quorum", ""),
				options.getOrDefault("cluster-id", ""));
		int controllerPort = quorum.voter(nodeId).port();
		if (options.containsKey("controller-port") && number(options, "controller-port", 0) != controllerPort) {
			throw new IllegalArgumentException("--controller-port=" + options.get("controller-port")
					+ " contradicts the quorum, which puts node " + nodeId + "'s controller on " + controllerPort);
		}
		return Optional.of(new ClusterNode(nodeId, quorum));
	}

	private static StackSettings settings(Map<String, String> options) {
		return new StackSettings(Path.of(options.getOrDefault("dir", "run/stack")),
				number(options, "postgres-port", StackSettings.DEFAULT_POSTGRES_PORT),
				number(options, "kafka-port", StackSettings.DEFAULT_KAFKA_PORT),
				number(options, "controller-port", StackSettings.DEFAULT_CONTROLLER_PORT));
	}

	// The broker logs every partition and metadata change at
	// INFO: too much for a demo log.
	private static void quietenBrokerLogs() {
		for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
			setLevel(name, ch.qos.logback.classic.Level.WARN);
		}
		// except the one INFO line that tells a transaction's skipped commit markers
		// (KAFKA-20734): "Couldn't find leader endpoint ... likely deleted already"
		setLevel(MARKER_SENDER, ch.qos.logback.classic.Level.INFO);
	}

	private static void setLevel(String name, ch.qos.logback.classic.Level level) {
		if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
			logger.setLevel(level);
		}
	}

	private static int number(Map<String, String> options, String name, int fallback) {
		String value = options.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'", ex);
		}
	}

	/**
	 * One node of a cluster, as the options describe it.
	 *
	 * @param nodeId the node id
	 * @param quorum the cluster's voters and id
	 */
	record ClusterNode(int nodeId, KafkaQuorum quorum) {
	}

}
