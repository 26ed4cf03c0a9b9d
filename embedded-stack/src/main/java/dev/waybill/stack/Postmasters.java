package dev.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stops a postmaster that outlived the JVM which started it.
 */
final class Postmasters {

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

	private Postmasters() {
	}

	static void stop(Path dataDirectory) throws IOException {
		List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
		if (lines.isEmpty()) {
			return;
		}
		long pid = Long.parseLong(lines.get(0).trim());
		Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(Postmasters::isPostgres);
		if (postmaster.isEmpty()) {
			return;
		}
		// SIGINT is PostgreSQL's fast shutdown: roll back open
		// transactions, checkpoint, exit.
		new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
		try {
			postmaster.get().onExit().get(SHUTDOWN_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IOException("An orphaned postmaster (pid " + pid + ") on " + dataDirectory + " did not stop", ex);
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map((command) -> command.endsWith("postgres")).orElse(false);
	}

}
