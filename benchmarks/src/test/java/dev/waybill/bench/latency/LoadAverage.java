package dev.waybill.bench.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average, which says how much of the shared cores a phase had.
 */
final class LoadAverage {

	private static final Path LOADAVG = Path.of("/proc/loadavg");

	private LoadAverage() {
	}

	/**
	 * @return the 1-minute load average, NaN where {@code /proc/loadavg} is missing
	 */
	static double oneMinute() {
		return Double.parseDouble(line().split(" ", -1)[0]);
	}

	/**
	 * @return {@code /proc/loadavg} as it reads (1, 5 and 15-minute averages, runnable
	 * and total tasks, last pid), or {@code "NaN"}
	 */
	static String line() {
		try {
			return Files.readString(LOADAVG).strip();
		}
		catch (IOException ex) {
			return "NaN";
		}
	}

}
