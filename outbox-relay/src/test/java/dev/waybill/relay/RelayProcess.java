package dev.waybill.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay as its own operating-system process, started from the test class path, so
 * that a driver can kill it with SIGKILL.
 */
public final class RelayProcess {

	private static final String STREAMING = "' is streaming ";

	private final RelayRunner relay;

	private final Path log;

	private @Nullable Process process;

	private int starts;

	public RelayProcess(RelayRunner relay, Path log) {
		this.relay = relay;
		this.log = log;
	}

	/**
	 * Starts the relay and waits until its engine streams.
	 */
	public void start() {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						RelayApplication.class.getName()));
		this.relay.properties().forEach((property) -> command.add("--" + property));
		this.starts++;
		try {
			Files.writeString(this.log, "=== start " + this.starts + "\n", StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int expected = this.starts;
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(isAlive()).as("relay process alive (see %s)", this.log).isTrue();
			assertThat(streamingLines()).isGreaterThanOrEqualTo(expected);
		});
	}

	/** Kills the relay with SIGKILL and waits until it is gone. */
	public void kill() {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			await().atMost(Duration.ofSeconds(30)).until(() -> !running.isAlive());
		}
	}

	/** Stops the relay with SIGTERM, a graceful shutdown. */
	public void stop() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
			await().atMost(Duration.ofSeconds(60)).until(() -> !running.isAlive());
		}
	}

	public boolean isAlive() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	private long streamingLines() throws IOException {
		try (var lines = Files.lines(this.log, StandardCharsets.UTF_8)) {
			return lines.filter((line) -> line.contains(STREAMING)).count();
		}
	}

}
