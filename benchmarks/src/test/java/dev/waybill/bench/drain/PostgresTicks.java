package dev.waybill.bench.drain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of a PostgreSQL server so far in clock ticks, read from {@code /proc}: of the
 * postmaster and its children, and of its walsenders alone.
 *
 * @param all the postmaster's and its children's
 * @param walsenders the walsenders'
 */
record PostgresTicks(long all, long walsenders) {

	private static final PostgresTicks NONE = new PostgresTicks(0, 0);

	/**
	 * @param dataDirectory the server's data directory, whose {@code postmaster.pid}
	 * names its postmaster
	 * @return the ticks now, zeros where the server or {@code /proc} is not found
	 */
	static PostgresTicks of(Path dataDirectory) {
		long postmaster;
		try {
			postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
		}
		catch (IOException | RuntimeException ex) {
			return NONE;
		}
		PostgresTicks total = NONE;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.toList()) {
				total = total.plus(ofProcess(process, postmaster));
			}
		}
		catch (IOException ex) {
			return total;
		}
		return total;
	}

	// the process's ticks if it is the postmaster or one of its children
	private static PostgresTicks ofProcess(Path process, long postmaster) {
		String pid = process.getFileName().toString();
		if (!pid.chars().allMatch(Character::isDigit)) {
			return NONE;
		}
		try {
			String stat = Files.readString(process.resolve("stat"));
			List<String> fields = ProcStat.fieldsAfterComm(stat);
			long parent = Long.parseLong(fields.get(1));
			if (Long.parseLong(pid) != postmaster && parent != postmaster) {
				return NONE;
			}
			long ticks = ProcStat.ticks(stat);
			return new PostgresTicks(ticks, isWalsender(process) ? ticks : 0);
		}
		catch (IOException | RuntimeException ex) {
			return NONE; // the process ended
		}
	}

	private static boolean isWalsender(Path process) {
		try {
			return Files.readString(process.resolve("cmdline")).contains("walsender");
		}
		catch (IOException ex) {
			return false; // the process ended
		}
	}

	/**
	 * @param earlier ticks read before
	 * @return the ticks used since
	 */
	PostgresTicks since(PostgresTicks earlier) {
		return new PostgresTicks(this.all - earlier.all, this.walsenders - earlier.walsenders);
	}

	private PostgresTicks plus(PostgresTicks other) {
		return new PostgresTicks(this.all + other.all, this.walsenders + other.walsenders);
	}

}
