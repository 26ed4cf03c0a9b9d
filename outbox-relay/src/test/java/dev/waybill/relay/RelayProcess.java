package dev.waybill.relay;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay as its own operating-system process, started from the test class path, so
 * that a driver can kill it with SIGKILL.
 */
public final class RelayProcess {

	private static final String STREAMING = "' is streaming ";

	private static final String STARTED = "Relay started: ";

	private final RelayRunner relay;

	private final Path log;

	private final List<String> overrides;

	private @Nullable Process process;

	private int starts;

	public RelayProcess(RelayRunner relay, Path log) {
		this(relay, log, List.of());
	}

	/**
	 * @param relay the relay's settings
	 * @param log the file its output goes to
	 * @param overrides further settings, {@code key=value}
	 */
	public RelayProcess(RelayRunner relay, Path log, List<String> overrides) {
		this.relay = relay;
		this.log = log;
		this.overrides = overrides;
	}

	/**
	 * Starts the relay and waits until its engine streams.
	 */
	public void start() {
		launch();
		awaitLines(STREAMING);
	}

	/**
	 * Starts the relay and waits until it runs, leading its source or standing by.
	 */
	public void startStandingBy() {
		launch();
		awaitLines(STARTED);
	}

	private void launch() {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-cp", classPath(), RelayApplication.class.getName()));
		this.relay.properties().forEach((property) -> command.add("--" + property));
		this.overrides.forEach((property) -> command.add("--" + property));
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
	}

	private void awaitLines(String marker) {
		int expected = this.starts;
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(isAlive()).as("relay process alive (see %s)", this.log).isTrue();
			assertThat(lines(marker)).isGreaterThanOrEqualTo(expected);
		});
	}

	/** Suspends the process, as a long pause or a frozen VM would (SIGSTOP). */
	public void pause() {
		signal("-STOP");
	}

	/** Resumes a paused process (SIGCONT). */
	public void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException("The relay is not running");
		}
		try {
			int exit = new ProcessBuilder("kill", signal, Long.toString(running.pid())).start().waitFor();
			assertThat(exit).as("kill %s %d", signal, running.pid()).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the file the relay's output goes to
	 */
	public Path log() {
		return this.log;
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

	private long lines(String marker) throws IOException {
		try (var lines = Files.lines(this.log, StandardCharsets.UTF_8)) {
			return lines.filter((line) -> line.contains(marker)).count();
		}
	}

	private static String classPath() {
		return classPathEntries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * @return the class path of the calling code: {@code exec:java} runs it in a class
	 * loader of its own, not on {@code java.class.path}
	 */
	public static List<Path> classPathEntries() {
		if (!(Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader)) {
			return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
				.map(Path::of)
				.toList();
		}
		List<Path> entries = new ArrayList<>();
		for (URL url : loader.getURLs()) {
			try {
				entries.add(Path.of(url.toURI()));
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return entries;
	}

}
