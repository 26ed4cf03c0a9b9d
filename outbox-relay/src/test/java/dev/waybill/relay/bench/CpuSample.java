package dev.waybill.relay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * CPU time at one moment: this JVM's (writers, relay, broker, consumer; PostgreSQL runs
 * in its own processes) and the whole machine's busy time from {@code /proc/stat}, so
 * that a phase can say how much of the shared cores it had.
 *
 * @param wallNanos {@link System#nanoTime()}
 * @param jvmNanos this process's CPU time
 * @param machineBusyTicks the machine's non-idle time in clock ticks, -1 when unknown
 */
record CpuSample(long wallNanos, long jvmNanos, long machineBusyTicks) {

	private static final double TICKS_PER_SECOND = 100;

	static CpuSample now() {
		return new CpuSample(System.nanoTime(),
				((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
					.getProcessCpuTime(),
				machineBusy());
	}

	/**
	 * @param later a later sample
	 * @return the cores this JVM used in between, and the cores the machine was busy
	 */
	String coresUntil(CpuSample later) {
		double seconds = (later.wallNanos - this.wallNanos) / 1e9;
		double jvm = (later.jvmNanos - this.jvmNanos) / 1e9 / seconds;
		double machine = (later.machineBusyTicks - this.machineBusyTicks) / TICKS_PER_SECOND / seconds;
		return "%.2f cores this JVM, %.2f busy on the machine".formatted(jvm,
				(this.machineBusyTicks < 0) ? Double.NaN : machine);
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
