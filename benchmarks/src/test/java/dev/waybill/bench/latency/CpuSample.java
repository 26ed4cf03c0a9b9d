package dev.waybill.bench.latency;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * CPU time at one moment: this JVM's (writers, relay, broker, consumer), PostgreSQL's
 * (its own processes), and the whole machine's busy time, so that a phase can say what it
 * cost and how much of the shared cores it had.
 *
 * @param wallNanos {@link System#nanoTime()}
 * @param jvmNanos this process's CPU time
 * @param postgresTicks the postmaster's and its children's CPU time in clock ticks,
 * children that exited included (the postmaster reaps them); -1 when unknown
 * @param machineBusyTicks the machine's non-idle time in clock ticks, -1 when unknown
 */
record CpuSample(long wallNanos, long jvmNanos, long postgresTicks, long machineBusyTicks) {

	private static final double TICKS_PER_SECOND = 100;

	/**
	 * @param postgresData the cluster's data directory, which names its postmaster
	 * @return the CPU times now
	 */
	static CpuSample now(Path postgresData) {
		return new CpuSample(System.nanoTime(),
				((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
					.getProcessCpuTime(),
				postgresTicks(postgresData), machineBusy());
	}

	/**
	 * @param later a later sample
	 * @param events the events written in between
	 * @return the cores this JVM, PostgreSQL and the machine used in between, and the CPU
	 * per event of the first two
	 */
	String usageUntil(CpuSample later, int events) {
		double seconds = (later.wallNanos - this.wallNanos) / 1e9;
		double jvm = (later.jvmNanos - this.jvmNanos) / 1e9;
		double postgres = (this.postgresTicks < 0 || later.postgresTicks < 0) ? Double.NaN
				: (later.postgresTicks - this.postgresTicks) / TICKS_PER_SECOND;
		double machine = (this.machineBusyTicks < 0) ? Double.NaN
				: (later.machineBusyTicks - this.machineBusyTicks) / TICKS_PER_SECOND;
		return "cores: JVM %.2f, PostgreSQL %.2f, machine busy %.2f; CPU per event: JVM %.0f µs, PostgreSQL %.0f µs"
			.formatted(jvm / seconds, postgres / seconds, machine / seconds, jvm * 1e6 / events,
					postgres * 1e6 / events);
	}

	private static long postgresTicks(Path postgresData) {
		try {
			String postmaster = Files.readAllLines(postgresData.resolve("postmaster.pid")).get(0).trim();
			long[] own = stat(Path.of("/proc", postmaster, "stat"));
			long total = own[0] + own[1] + own[2] + own[3];
			try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
				for (Path process : processes.filter((path) -> path.getFileName().toString().matches("\\d+"))
					.toList()) {
					total += childTicks(process, postmaster);
				}
			}
			return total;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	// a backend that exits between listing and reading is
	// counted by the postmaster later
	private static long childTicks(Path process, String postmaster) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
			return fields[1].equals(postmaster) ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	// utime, stime, cutime, cstime of one process
	private static long[] stat(Path stat) throws IOException {
		String text = Files.readString(stat);
		String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ", -1);
		return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
				Long.parseLong(fields[14]) };
	}

	// the first line of /proc/stat: user nice system idle iowait irq softirq steal ...
	private static long machineBusy() {
		try {
			long[] ticks = Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"))
				.skip(1)
				.mapToLong(Long::parseLong)
				.toArray();
			return Arrays.stream(ticks).limit(8).sum() - ticks[3] - ticks[4];
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
