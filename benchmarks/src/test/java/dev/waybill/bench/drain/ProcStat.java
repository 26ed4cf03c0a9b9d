package dev.waybill.bench.drain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux's {@code /proc} says about CPU time: a process's or thread's from its
 * {@code stat} file, the whole machine's, and the load average.
 */
final class ProcStat {

	/** One clock tick (USER_HZ, 100 on Linux x86-64 and arm64) in nanoseconds. */
	static final long TICK_NANOS = 10_000_000L;

	private ProcStat() {
	}

	/**
	 * @param stat the text of a {@code /proc/<pid>/stat} or
	 * {@code /proc/<pid>/task/<tid>/stat}
	 * @return its user and system time (fields 14 and 15) in clock ticks
	 */
	static long ticks(String stat) {
		List<String> fields = fieldsAfterComm(stat);
		return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
	}

	/**
	 * @param stat the text of a {@code stat} file
	 * @return the fields after {@code pid (comm)}, the state first; counted from the
	 * command's closing parenthesis, because the command may hold spaces
	 */
	static List<String> fieldsAfterComm(String stat) {
		return List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ", -1));
	}

	/**
	 * @return {busy jiffies, all jiffies} of the whole machine since it booted; zeros
	 * where {@code /proc/stat} cannot be read
	 */
	static long[] machineJiffies() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+", -1);
			long all = 0;
			for (int i = 1; i < cpu.length; i++) {
				all += Long.parseLong(cpu[i]);
			}
			long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
			return new long[] { all - idle, all };
		}
		catch (IOException ex) {
			return new long[2];
		}
	}

	/**
	 * @return the 1, 5 and 15-minute load averages, or {@code "unknown"}
	 */
	static String loadAverage() {
		try {
			String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
			return load[0] + " " + load[1] + " " + load[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
