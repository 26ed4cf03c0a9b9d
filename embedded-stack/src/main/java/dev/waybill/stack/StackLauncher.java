package dev.waybill.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private StackLauncher() {
	}

	/**
	 * Starts the stack and keeps running until the process is asked to stop.
	 * @param args the options described on the class
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static void main(String[] args) throws InterruptedException {
		StackSettings settings = parse(args);
		EmbeddedStack stack = new EmbeddedStack(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
		stack.start();
		System.out.printf("READY postgres=%s kafka=%s dir=%s%n", stack.postgres().jdbcUrl("postgres"),
				stack.bootstrapServers(), settings.directory().toAbsolutePath());
		Thread.currentThread().join();
	}

	static StackSettings parse(String[] args) {
		Map<String, String> options = new ConcurrentHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			String[] pair = arg.substring(2).split("=", 2);
			options.put(pair[0], pair[1]);
		}
		StackSettings settings = new StackSettings(Path.of(options.getOrDefault("dir", "run/stack")),
				port(options, "postgres-port", StackSettings.DEFAULT_POSTGRES_PORT),
				port(options, "kafka-port", StackSettings.DEFAULT_KAFKA_PORT),
				port(options, "controller-port", StackSettings.DEFAULT_CONTROLLER_PORT));
		options.keySet()
			.stream()
			.filter((name) -> !java.util.Set.of("dir", "postgres-port", "kafka-port", "controller-port").contains(name))
			.findFirst()
			.ifPresent((name) -> {
				throw new IllegalArgumentException("Unknown option --" + name);
			});
		return settings;
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
