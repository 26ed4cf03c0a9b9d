package dev.waybill.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.LoggerFactory;

/**
 * Runs the embedded stack as a standalone process, for the demo.
 *
 * <p>
 * Options (all optional): {@code --dir=PATH} (default {@code run/stack}),
 * {@code --postgres-port=5433}, {@code --kafka-port=9092},
 * {@code --controller-port=9093}. When both servers are up it prints one line starting
 * with {@code READY}; it stops them on SIGTERM or Ctrl-C.
 */
public final class StackLauncher {

	/** The start of the line printed once the servers accept connections. */
	public static final String READY = "WAYBILL STACK READY";

	private static final Set<String> OPTIONS = Set.of("dir", "postgres-port", "kafka-port", "controller-port",
			"servers");

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
		Set<String> servers = servers(options);
		quietenBrokerLogs();
		EmbeddedStack stack = new EmbeddedStack(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
		if (servers.contains("postgres")) {
			stack.startPostgres();
		}
		if (servers.contains("kafka")) {
			stack.kafka().start();
		}
		System.out.printf("%s servers=%s postgres=%s kafka=%s dir=%s%n", READY, String.join(",", servers),
				stack.postgres().jdbcUrl("postgres"), stack.bootstrapServers(), settings.directory().toAbsolutePath());
		Thread.currentThread().join();
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

	private static StackSettings settings(Map<String, String> options) {
		return new StackSettings(Path.of(options.getOrDefault("dir", "run/stack")),
				port(options, "postgres-port", StackSettings.DEFAULT_POSTGRES_PORT),
				port(options, "kafka-port", StackSettings.DEFAULT_KAFKA_PORT),
				port(options, "controller-port", StackSettings.DEFAULT_CONTROLLER_PORT));
	}

	// The broker logs every partition and metadata change at
	// INFO: too much for a demo log.
	private static void quietenBrokerLogs() {
		for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
			if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
				logger.setLevel(ch.qos.logback.classic.Level.WARN);
			}
		}
	}

	private static int port(Map<String, String> options, String name, int fallback) {
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

}
