package dev.waybill.bench.drain;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProcess;
import dev.waybill.stack.EmbeddedStack;

/**
 * Runs a {@link BenchmarkContender} in a JVM of its own against the benchmark's stack,
 * prints the lines it reports, and measures the CPU this JVM (the broker) spends during
 * the contender's measured drain.
 */
final class ContenderJvm {

	private final EmbeddedStack stack;

	private final Path jars;

	ContenderJvm(EmbeddedStack stack) throws IOException {
		this.stack = stack;
		this.jars = Files.createTempDirectory("relay-benchmark-jars");
	}

	/**
	 * @param kind the contender's kind (see {@link BenchmarkContender#main})
	 * @param profile whether it profiles its measured drain
	 * @param warm the warm-up backlog's database
	 * @param warmUp the warm-up backlog's events
	 * @param measured the measured backlog's database
	 * @param events the measured backlog's events
	 * @return the events per second of the measured drain
	 */
	double run(String kind, boolean profile, OutboxDatabase warm, int warmUp, OutboxDatabase measured, int events)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms512m", "-Xmx1g"));
		// relay settings of the run's own, such as the old value of one being changed
		command.add("-D" + BenchmarkContender.RELAY_SETTINGS + "="
				+ System.getProperty(BenchmarkContender.RELAY_SETTINGS, ""));
		command.addAll(List.of("-cp", classPath(), BenchmarkContender.class.getName(), kind,
				this.stack.bootstrapServers(), Integer.toString(this.stack.postgres().port()),
				this.stack.postgres().dataDirectory().toString(), warm.name(), Integer.toString(warmUp),
				measured.name(), Integer.toString(events), Boolean.toString(profile)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		double rate = relayReport(process);
		if (process.waitFor() != 0 || Double.isNaN(rate)) {
			throw new IllegalStateException(kind + " failed (exit " + process.exitValue() + ")");
		}
		return rate;
	}

	// the contender's marked lines, until it exits; NaN when it reported no result
	private static double relayReport(Process process) throws IOException {
		double rate = Double.NaN;
		long brokerBefore = 0;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (!line.startsWith(BenchmarkReport.MARK)) {
					continue;
				}
				String report = line.substring(BenchmarkReport.MARK.length());
				if (report.startsWith("RESULT ")) {
					rate = Double.parseDouble(report.substring("RESULT ".length()));
				}
				else if (report.equals("DRAIN STARTED")) {
					brokerBefore = JavaThreadCpu.processCpu();
				}
				else if (report.startsWith("DRAIN FINISHED ")) {
					long drained = Long.parseLong(report.substring("DRAIN FINISHED ".length()));
					System.out.printf("  Kafka broker (the benchmark's JVM): %.1f µs CPU per event%n",
							(JavaThreadCpu.processCpu() - brokerBefore) / 1000.0 / drained);
				}
				else {
					System.out.println(report);
				}
			}
		}
		return rate;
	}

	// exec:java runs this class in a class loader of its own, not on java.class.path; the
	// project's own jars are copied, because other builds on the machine reinstall them
	// while the benchmark runs
	private String classPath() throws IOException {
		List<String> path = new ArrayList<>();
		for (Path entry : RelayProcess.classPathEntries()) {
			if (entry.toString().contains("/dev/waybill/") && Files.isRegularFile(entry)) {
				Path copy = this.jars.resolve(entry.getFileName());
				if (!Files.exists(copy)) {
					Files.copy(entry, copy);
				}
				entry = copy;
			}
			path.add(entry.toString());
		}
		return String.join(File.pathSeparator, path);
	}

}
