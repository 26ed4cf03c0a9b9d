package dev.waybill.bench.saga;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's CPU split by what its processes do, read from their titles: each
 * database's client backends, the walsenders that decode the log for the relay, the
 * background processes (checkpointer, WAL writer, autovacuum), and the children that
 * exited since the server started (short-lived autovacuum workers, closed connections),
 * which the postmaster's own accounts hold. Their sum is the server's CPU.
 */
final class PostgresCpu {

	static final List<String> PARTS = List.of("backends orders", "backends inventory", "backends other", "walsenders",
			"background", "exited");

	private PostgresCpu() {
	}

	/**
	 * Adds one postmaster's CPU seconds, with its children's, to the parts.
	 * @param postmaster the server's postmaster
	 * @param parts CPU seconds by part, added to
	 */
	static void addTo(ProcessHandle postmaster, Map<String, Double> parts) {
		long[] own = ProcessCpu.ticks(postmaster.pid());
		parts.merge("background", (own[0] + own[1]) / ProcessCpu.TICKS_PER_SECOND, Double::sum);
		parts.merge("exited", (own[2] + own[3]) / ProcessCpu.TICKS_PER_SECOND, Double::sum);
		postmaster.children()
			.forEach((child) -> parts.merge(part(title(child.pid())), ProcessCpu.cpuSeconds(child), Double::sum));
	}

	static Map<String, Double> empty() {
		Map<String, Double> parts = new LinkedHashMap<>();
		PARTS.forEach((part) -> parts.put(part, 0.0));
		return parts;
	}

	// "postgres: walsender <user> <host>(<port>) ...", "postgres: <user> <database>
	// <host>(<port>) <activity>", or "postgres: checkpointer" and the like
	static String part(String title) {
		String[] words = title.replaceFirst("^postgres: ", "").split(" ", -1);
		if (words[0].equals("walsender")) {
			return "walsenders";
		}
		if (words.length >= 3 && words[2].contains("(")) {
			return switch (words[1]) {
				case "orders" -> "backends orders";
				case "inventory" -> "backends inventory";
				default -> "backends other";
			};
		}
		return "background";
	}

	private static String title(long pid) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
					StandardCharsets.UTF_8)
				.replace('\0', ' ')
				.trim();
		}
		catch (IOException ex) {
			return "";
		}
	}

}
