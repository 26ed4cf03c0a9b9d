package dev.waybill.outbox.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.FreePorts;
import dev.waybill.stack.ServiceDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real outbox relay, the jar a team deploys ({@code dev.waybill:outbox-relay},
 * classifier {@code exec}), run as a process of its own for one service database on an
 * {@link EmbeddedStack}: a service's test sees its events reach Kafka as they do in
 * production, read from the write-ahead log and published exactly once.
 *
 * <p>
 * A process rather than a context in the test's JVM: the relay is a Spring Boot
 * application, and on the service's class path it would read the service's
 * {@code application.yml} and auto-configure the service's starters. Its settings go in
 * through {@code SPRING_APPLICATION_JSON}, so that no password shows in the process list;
 * its output goes to a log file under {@code target}.
 *
 * <pre class="code">
 * try (RunningRelay relay = RunningRelay.start(stack, database, "outbox.event.")) {
 *     // commit outbox rows; read them from Kafka
 * }
 * </pre>
 */
public final class RunningRelay implements AutoCloseable {

	private static final Pattern EXEC_JAR = Pattern.compile("outbox-relay-.+-exec\\.jar");

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private final Process process;

	private final Path log;

	private final int port;

	private RunningRelay(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts the relay for a database and waits until it reports healthy.
	 * @param stack the stack the database and the broker are on
	 * @param database the service's database, with the outbox table
	 * @param topicPrefix the prefix of the topics it publishes to, such as
	 * {@code outbox.event.}
	 * @param settings further {@code waybill.relay.*} settings, such as
	 * {@code waybill.relay.capture=POLLING}; they win over the ones this method gives
	 * @return the running relay; close it to stop it
	 * @throws IllegalStateException when the relay jar is not on the class path or the
	 * relay is not healthy within two minutes (the message names its log)
	 */
	public static RunningRelay start(EmbeddedStack stack, ServiceDatabase database, String topicPrefix,
			Map<String, String> settings) {
		String name = "test_" + database.name().replaceAll("[^A-Za-z0-9_]", "_");
		int port = FreePorts.take(1)[0];
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", port);
		properties.put("spring.kafka.bootstrap-servers", stack.bootstrapServers());
		properties.put("waybill.relay.topic-prefix", topicPrefix);
		properties.put("waybill.relay.offsets-topic", "waybill.relay.offsets." + name);
		properties.put("waybill.relay.dead-letter-topic", topicPrefix + "relay.dead-letter");
		properties.put("waybill.relay.sources[0].name", name);
		properties.put("waybill.relay.sources[0].jdbc-url", stack.jdbcUrl(database));
		properties.put("waybill.relay.sources[0].username", ServiceDatabase.RELAY_USER);
		properties.put("waybill.relay.sources[0].password", ServiceDatabase.RELAY_PASSWORD);
		properties.putAll(settings);
		Path log = Path.of("target", "relay-" + name + ".log").toAbsolutePath();
		RunningRelay relay = new RunningRelay(launch(properties, log), log, port);
		relay.awaitHealthy();
		return relay;
	}

	/**
	 * @return the relay's HTTP port: {@code /actuator/health} and its metrics
	 */
	public int port() {
		return this.port;
	}

	/**
	 * @return the file the relay's output goes to
	 */
	public Path log() {
		return this.log;
	}

	/** Stops the relay gracefully, as a deployment would, and waits until it is gone. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static Process launch(Map<String, Object> properties, Path log) {
		// C1 only and the serial collector: a test's relay starts with less CPU, and a
		// test's few events do not need the optimizing compiler
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar"));
		command.add(execJar().toString());
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			builder.environment()
				.put("SPRING_APPLICATION_JSON", JsonMapper.builder().build().writeValueAsString(properties));
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the relay (log " + log + ")", ex);
		}
	}

	static Path execJar() {
		Optional<Path> jar = List.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.stream()
			.map(Path::of)
			.filter((entry) -> EXEC_JAR.matcher(entry.getFileName().toString()).matches())
			.findFirst();
		return jar.orElseThrow(() -> new IllegalStateException("The relay's jar is not on the test class path: add "
				+ "dev.waybill:outbox-relay with <classifier>exec</classifier> to the test dependencies "
				+ "(outbox-test-spring-boot-starter brings it)"));
	}

	private void awaitHealthy() {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The relay exited with " + this.process.exitValue() + " on start; see " + this.log);
			}
			if (isUp(http, health)) {
				return;
			}
			sleep();
		}
		close();
		throw new IllegalStateException(
				"The relay was not healthy within " + STARTUP.toSeconds() + " s; see " + this.log);
	}

	private static boolean isUp(HttpClient http, HttpRequest health) {
		try {
			return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the relay", ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the relay", ex);
		}
	}

}
