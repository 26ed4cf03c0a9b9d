package dev.waybill.bench.writer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings, from {@code key=value} arguments.
 *
 * @param rounds the recorded rounds
 * @param seconds each contender's turn in a round
 * @param threads the closed-loop thread counts, one set of rounds each
 * @param appends the events per transaction of the several-appends contender
 */
record Arguments(int rounds, int seconds, List<Integer> threads, int appends) {

	private static final Set<String> KEYS = Set.of("rounds", "seconds", "threads", "appends");

	Arguments {
		if (rounds < 1 || seconds < 1 || appends < 2 || threads.isEmpty() || threads.stream().anyMatch((t) -> t < 1)) {
			throw new IllegalArgumentException("rounds, seconds and threads must be positive, appends at least 2");
		}
	}

	static Arguments parse(String[] args, String usage) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 0 || !KEYS.contains(arg.substring(0, equals))) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + usage);
			}
			given.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		try {
			return new Arguments(Integer.parseInt(given.getOrDefault("rounds", "8")),
					Integer.parseInt(given.getOrDefault("seconds", "3")),
					Arrays.stream(given.getOrDefault("threads", "1,4").split(",")).map(Integer::valueOf).toList(),
					Integer.parseInt(given.getOrDefault("appends", "5")));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a whole number: " + ex.getMessage() + "\n" + usage, ex);
		}
	}

	long nanosPerTurn() {
		return this.seconds * 1_000_000_000L;
	}

}
