package dev.waybill.demo.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops components as detached processes, tracked by pid files, so that any
 * command (in this terminal or another) can see and control what runs.
 */
public final class Supervisor {

	private static final Duration STOP_WAIT = Duration.ofSeconds(30);

	private final Path runDirectory;

	private final Health health;

	/**
	 * @param runDirectory where logs and pid files go
	 * @param health how to check a component
	 */
	public Supervisor(Path runDirectory, Health health) {
		this.runDirectory = runDirectory;
		this.health = health;
	}

	/**
	 * Starts the component unless it runs already.
	 * @param component the component
	 * @return its process
	 */
	public ProcessHandle start(Component component) {
		Optional<ProcessHandle> running = process(component);
		if (running.isPresent()) {
			return running.get();
		}
		requireJar(component);
		try {
			Files.createDirectories(logFile(component).getParent());
			Files.createDirectories(pidFile(component).getParent());
			Files.writeString(logFile(component), "=== starting " + component.name() + " at " + Instant.now() + "\n",
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			ProcessBuilder builder = new ProcessBuilder(detached(component.command())).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(component).toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
			builder.environment().putAll(component.environment());
			Process process = builder.start();
			Files.writeString(pidFile(component), process.pid() + " "
					+ process.info().startInstant().map(Instant::toString).orElse("unknown") + "\n");
			return process.toHandle();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + component.name(), ex);
		}
	}

	/**
	 * Runs a one-off step to its end, its output in its log.
	 * @param step the step, run in the foreground of this process
	 * @param timeout how long it may take
	 * @throws IllegalStateException when it fails or takes longer, with its last lines
	 */
	public void run(Component step, Duration timeout) {
		requireJar(step);
		try {
			Files.createDirectories(logFile(step).getParent());
			Process process = new ProcessBuilder(step.command()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(step).toFile()))
				.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(step.name() + " did not finish within " + timeout.toSeconds()
						+ " s; last lines of " + logFile(step) + ":\n" + tail(step, 25));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						step.name() + " failed; last lines of " + logFile(step) + ":\n" + tail(step, 25));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + step.name(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + step.name(), ex);
		}
	}

	private static void requireJar(Component component) {
		int jar = component.command().indexOf("-jar") + 1;
		if (jar > 0 && !Files.isRegularFile(Path.of(component.command().get(jar)))) {
			throw new IllegalStateException(
					"No executable jar for " + component.name() + " at " + component.command().get(jar)
							+ ": build first with 'mvn -B -DskipTests package' (./waybill does)");
		}
	}

	/**
	 * Waits until the component is healthy.
	 * @param component the component
	 * @param timeout how long to wait
	 * @return how long it took
	 */
	public Duration awaitHealthy(Component component, Duration timeout) {
		Instant start = Instant.now();
		Instant deadline = start.plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (process(component).isEmpty()) {
				throw new IllegalStateException(component.name() + " exited during start-up; last lines of "
						+ logFile(component) + ":\n" + tail(component, 25));
			}
			if (this.health.isHealthy(component)) {
				return Duration.between(start, Instant.now());
			}
			pause(Duration.ofMillis(200));
		}
		throw new IllegalStateException(component.name() + " was not healthy after " + timeout.toSeconds()
				+ " s; last lines of " + logFile(component) + ":\n" + tail(component, 25));
	}

	/**
	 * Stops the component gracefully (SIGTERM), forcibly after 30 seconds.
	 * @param component the component
	 * @return whether it was running
	 */
	public boolean stop(Component component) {
		Optional<ProcessHandle> running = process(component);
		running.ifPresent((process) -> {
			process.destroy();
			try {
				process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				process.destroyForcibly();
			}
		});
		deletePidFile(component);
		return running.isPresent();
	}

	/**
	 * Kills the component at once (SIGKILL), as a crash would.
	 * @param component the component
	 * @return whether it was running
	 */
	public boolean kill(Component component) {
		Optional<ProcessHandle> running = process(component);
		running.ifPresent((process) -> {
			process.destroyForcibly();
			process.onExit().join();
		});
		deletePidFile(component);
		return running.isPresent();
	}

	/**
	 * The component's process, if it runs: the pid file names it and its start time
	 * matches, so that a recycled pid is not mistaken for it.
	 * @param component the component
	 * @return the running process
	 */
	public Optional<ProcessHandle> process(Component component) {
		Path pidFile = pidFile(component);
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		try {
			String[] fields = Files.readString(pidFile).trim().split(" ", -1);
			Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(fields[0]));
			return process.filter(ProcessHandle::isAlive)
				.filter((handle) -> fields.length < 2
						|| handle.info().startInstant().map(Instant::toString).map(fields[1]::equals).orElse(true));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param component the component
	 * @return its log file
	 */
	public Path logFile(Component component) {
		return this.runDirectory.resolve("logs").resolve(component.name() + ".log");
	}

	private Path pidFile(Component component) {
		return this.runDirectory.resolve("pids").resolve(component.name() + ".pid");
	}

	private void deletePidFile(Component component) {
		try {
			Files.deleteIfExists(pidFile(component));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String tail(Component component, int lines) {
		try {
			List<String> all = Files.readAllLines(logFile(component));
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	// setsid puts the component in its own session: Ctrl-C in the terminal reaches only
	// the launcher, which then stops the components in order.
	private static List<String> detached(List<String> command) {
		List<String> detached = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			detached.add("/usr/bin/setsid");
		}
		detached.addAll(command);
		return detached;
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
