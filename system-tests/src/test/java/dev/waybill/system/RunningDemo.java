package dev.waybill.system;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.waybill.stack.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.awaitility.Awaitility.await;

/**
 * The demo launcher run as a user runs it ({@code java -jar demo.jar up}), on free ports
 * and its own run directory, plus the HTTP calls the tests make against it.
 */
final class RunningDemo implements AutoCloseable {

	private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ObjectMapper json = new ObjectMapper();

	private final Map<String, String> environment = new HashMap<>();

	private final Path log;

	private final Process up;

	final int orderPort;

	final int inventoryPort;

	final int kafkaPort;

	final int postgresPort;

	final int relayPort;

	final int kafkaSecuredPort;

	final Path runDirectory;

	/**
	 * @param name the run directory's name under {@code system-tests/target}
	 * @param upOptions the options of {@code up}
	 */
	RunningDemo(String name, List<String> upOptions) throws IOException {
		int[] free = FreePorts.take(7);
		this.orderPort = free[0];
		this.inventoryPort = free[1];
		this.kafkaPort = free[2];
		this.postgresPort = free[3];
		this.relayPort = free[4];
		this.kafkaSecuredPort = free[6];
		Path runDirectory = HOME.resolve("system-tests/target/" + name);
		this.runDirectory = runDirectory;
		this.environment.putAll(Map.of("WAYBILL_HOME", HOME.toString(), "WAYBILL_RUN_DIR", runDirectory.toString(),
				"WAYBILL_ORDER_PORT", Integer.toString(this.orderPort), "WAYBILL_INVENTORY_PORT",
				Integer.toString(this.inventoryPort), "WAYBILL_RELAY_PORT", Integer.toString(free[4]),
				"WAYBILL_KAFKA_PORT", Integer.toString(this.kafkaPort), "WAYBILL_CONTROLLER_PORT",
				Integer.toString(free[5]), "WAYBILL_POSTGRES_PORT", Integer.toString(this.postgresPort),
				"WAYBILL_KAFKA_SECURED_PORT", Integer.toString(this.kafkaSecuredPort)));
		Files.createDirectories(runDirectory);
		this.log = runDirectory.resolve("up.log");
		List<String> up = new ArrayList<>(List.of("up"));
		up.addAll(upOptions);
		this.up = demo(up.toArray(String[]::new)).redirectOutput(this.log.toFile()).start();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!this.up.isAlive()) {
				throw new IllegalStateException("./waybill up exited:\n" + Files.readString(this.log));
			}
			return Files.readString(this.log).contains("all healthy");
		});
	}

	/** Runs one demo command (status, kill, start...) to completion. */
	String command(String... args) throws IOException, InterruptedException {
		return complete(true, args);
	}

	/** Runs one demo command that is to be refused, and returns what it printed. */
	String refusedCommand(String... args) throws IOException, InterruptedException {
		return complete(false, args);
	}

	// The output goes to a file, not a pipe: a command that does not end (an up that was
	// not refused) fails the test after the timeout instead of blocking a read.
	private String complete(boolean succeeds, String... args) throws IOException, InterruptedException {
		Path output = this.log.resolveSibling("command.log");
		Process process = demo(args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		boolean ended = process.waitFor(3, TimeUnit.MINUTES);
		if (!ended) {
			process.destroy();
			process.waitFor(1, TimeUnit.MINUTES);
		}
		if (!ended || (process.exitValue() == 0) != succeeds) {
			throw new IllegalStateException("./waybill " + String.join(" ", args)
					+ (succeeds ? " failed" : " was not refused") + ":\n" + Files.readString(output));
		}
		return Files.readString(output);
	}

	String upOutput() throws IOException {
		return Files.readString(this.log);
	}

	JsonNode placeOrder(String body) throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(order("/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("POST /orders answered " + response.statusCode() + ": " + response.body());
		}
		return this.json.readTree(response.body());
	}

	JsonNode getOrder(String id) throws IOException, InterruptedException {
		return this.json.readTree(send(HttpRequest.newBuilder(order("/orders/" + id)).GET()).body());
	}

	JsonNode getProduct(String sku) throws IOException, InterruptedException {
		return this.json
			.readTree(send(HttpRequest.newBuilder(URI.create(inventory() + "/products/" + sku)).GET()).body());
	}

	// The timeout only ends a request that hangs: the tests assert what the system did,
	// never how fast. On two cores shared with the fault suite's brokers, a burst of 50
	// parallel orders has had one wait more than 10 s for order-service's answer.
	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
	}

	URI order(String path) {
		return URI.create("http://127.0.0.1:" + this.orderPort + path);
	}

	String inventory() {
		return "http://127.0.0.1:" + this.inventoryPort;
	}

	/**
	 * @param database {@code orders} or {@code inventory}, whose owner role has the same
	 * name and password
	 * @return the JDBC URL of that database on the demo's PostgreSQL
	 */
	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/" + database;
	}

	/** What the relay's health endpoint answers now. */
	String relayHealth() throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.relayPort + "/actuator/health")).GET())
			.body();
	}

	String kafkaBootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	/** Pids of the component processes, from the launcher's pid files. */
	List<Long> componentPids() throws IOException {
		Path pids = Path.of(this.environment.get("WAYBILL_RUN_DIR"), "pids");
		List<Long> result = new ArrayList<>();
		if (Files.isDirectory(pids)) {
			try (Stream<Path> files = Files.list(pids)) {
				for (Path file : files.toList()) {
					result.add(Long.parseLong(Files.readString(file).trim().split(" ", -1)[0]));
				}
			}
		}
		return result;
	}

	/** Stops the launcher as Ctrl-C would, which stops every component. */
	@Override
	public void close() throws InterruptedException {
		this.up.destroy();
		if (!this.up.waitFor(2, TimeUnit.MINUTES)) {
			this.up.destroyForcibly();
		}
	}

	private ProcessBuilder demo(String... args) {
		List<String> command = new ArrayList<>(List
			.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", demoJar().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
		builder.environment().putAll(this.environment);
		return builder;
	}

	private static Path demoJar() {
		try (Stream<Path> files = Files.list(HOME.resolve("demo/target"))) {
			return files.filter((file) -> file.toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("demo/target has no -exec.jar: run mvn package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
