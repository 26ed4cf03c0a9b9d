package dev.waybill.bench.saga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time burnt so far by each of the demo's processes, read from {@code /proc}. A
 * component counts with its child processes; PostgreSQL's postmaster is detached by
 * {@code pg_ctl}, so it is found by its data directory, under the run directory, and its
 * CPU is also split by what its processes do ({@link PostgresCpu}).
 */
final class ProcessCpu {

	// USER_HZ: the unit of /proc/<pid>/stat and /proc/stat, 100
	// on Linux x86-64 and arm64
	static final double TICKS_PER_SECOND = 100;

	private final Path runDirectory;

	ProcessCpu(Path runDirectory) {
		this.runDirectory = runDirectory;
	}

	Snapshot snapshot() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		componentPids().forEach(
				(name, pid) -> seconds.put(name, ProcessHandle.of(pid).map(ProcessCpu::withDescendants).orElse(0.0)));
		Map<String, Double> postgres = PostgresCpu.empty();
		postmasters().forEach((postmaster) -> PostgresCpu.addTo(postmaster, postgres));
		seconds.merge("postgres", postgres.values().stream().mapToDouble(Double::doubleValue).sum(), Double::sum);
		seconds.put("bench JVM", cpuSeconds(ProcessHandle.current()));
		return new Snapshot(System.nanoTime(), seconds, postgres, machineBusySeconds());
	}

	private Map<String, Long> componentPids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		Path directory = this.runDirectory.resolve("pids");
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.sorted().toList()) {
				String name = file.getFileName().toString().replace(".pid", "");
				pids.put(name, Long.parseLong(Files.readString(file).trim().split(" ", -1)[0]));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the pid files in " + directory, ex);
		}
		return pids;
	}

	private List<ProcessHandle> postmasters() {
		String dataDirectory = this.runDirectory.resolve("stack").toString();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().orElse("").endsWith("/postgres"))
			.filter((process) -> Arrays.stream(process.info().arguments().orElse(new String[0]))
				.anyMatch((argument) -> argument.startsWith(dataDirectory)))
			.toList();
	}

	private static double withDescendants(ProcessHandle process) {
		return cpuSeconds(process) + process.descendants().mapToDouble(ProcessCpu::cpuSeconds).sum();
	}

	static double cpuSeconds(ProcessHandle process) {
		long[] ticks = ticks(process.pid());
		return (ticks[0] + ticks[1]) / TICKS_PER_SECOND;
	}

	// utime, stime, cutime and cstime, fields 14 to 17 of /proc/<pid>/stat (the last two:
	// the children waited for); the command name (field 2) may hold spaces, so fields are
	// counted from its closing parenthesis
	static long[] ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
			return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
					Long.parseLong(fields[14]) };
		}
		catch (IOException | RuntimeException ex) {
			return new long[4]; // the process ended between the listing and the read
		}
	}

	// every core's busy time: user, nice, system, irq, softirq, steal
	private static double machineBusySeconds() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+", -1);
			long busy = 0;
			for (int index : List.of(1, 2, 3, 6, 7, 8)) {
				busy += Long.parseLong(fields[index]);
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * CPU seconds at one moment.
	 *
	 * @param nanos when ({@link System#nanoTime()})
	 * @param seconds CPU seconds per process, by component name
	 * @param postgres PostgreSQL's CPU seconds by part ({@link PostgresCpu#PARTS})
	 * @param machineBusy CPU seconds of every process on the machine
	 */
	record Snapshot(long nanos, Map<String, Double> seconds, Map<String, Double> postgres, double machineBusy) {

		Usage since(Snapshot earlier) {
			return new Usage((this.nanos - earlier.nanos) / 1e9, minus(this.seconds, earlier.seconds),
					minus(this.postgres, earlier.postgres), this.machineBusy - earlier.machineBusy);
		}

		private static Map<String, Double> minus(Map<String, Double> later, Map<String, Double> earlier) {
			Map<String, Double> used = new LinkedHashMap<>();
			later.forEach((name, value) -> used.put(name, value - earlier.getOrDefault(name, 0.0)));
			return used;
		}

	}

	/**
	 * CPU used over a period.
	 *
	 * @param wallSeconds the period's length
	 * @param seconds CPU seconds per process, by component name
	 * @param postgres PostgreSQL's CPU seconds by part ({@link PostgresCpu#PARTS})
	 * @param machineBusy CPU seconds of every process on the machine
	 */
	record Usage(double wallSeconds, Map<String, Double> seconds, Map<String, Double> postgres, double machineBusy) {

		double ours() {
			return this.seconds.values().stream().mapToDouble(Double::doubleValue).sum();
		}

	}

}
