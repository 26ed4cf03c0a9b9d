package dev.waybill.bench.latency;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings, from {@code key=value} arguments.
 *
 * @param rates the events per second of each phase, one event per transaction
 * @param warmUp how long each phase runs before its events are measured
 * @param duration how long each phase's measured events are written
 * @param drain how long a phase waits for its last events after the writers stop
 * @param writers the writer threads, each with its own connection
 * @param strategies the relays to compare, each measured at every rate
 * @param fetchWait the consumer's {@code fetch.max.wait.ms}
 * @param jvmWarmUp how long each strategy runs at 1,000 events/s, unmeasured, before the
 * first phase; zero for none
 */
public record Settings(List<Integer> rates, Duration warmUp, Duration duration, Duration drain, int writers,
		List<Strategy> strategies, Duration fetchWait, Duration jvmWarmUp) {

	static final String USAGE = """
			arguments (all optional, key=value):
			  rates=100,1000,5000               events/s, one event per transaction
			  warmup=10  duration=30  drain=30  seconds per phase
			  writers=8                         writer threads, one connection each
			  strategies=cdc,cdc-50ms,polling,polling-10ms
			  fetch-wait=500                    the consumer's fetch.max.wait.ms
			  jvm-warmup=10                     seconds per strategy at 1,000/s before all, not recorded""";

	private static final Set<String> KEYS = Set.of("rates", "warmup", "duration", "drain", "writers", "strategies",
			"fetch-wait", "jvm-warmup");

	/**
	 * Checks that every figure is positive and that something is measured.
	 */
	public Settings {
		if (rates.isEmpty() || rates.stream().anyMatch((rate) -> rate <= 0) || strategies.isEmpty()
				|| warmUp.isNegative() || duration.isNegative() || duration.isZero() || drain.isNegative()
				|| drain.isZero() || writers <= 0 || fetchWait.isNegative() || jvmWarmUp.isNegative()) {
			throw new IllegalArgumentException("Rates, duration, drain and writers must be positive, warm-up not "
					+ "negative, and at least one rate and one strategy given\n" + USAGE);
		}
	}

	/**
	 * @param args {@code key=value} arguments
	 * @return the settings, defaults for what is not given
	 */
	public static Settings parse(String... args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String key = (equals > 0) ? arg.substring(0, equals) : arg;
			if (!KEYS.contains(key)) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + USAGE);
			}
			given.put(key, arg.substring(equals + 1));
		}
		try {
			return new Settings(
					list(given.getOrDefault("rates", "100,1000,5000")).stream().map(Integer::valueOf).toList(),
					seconds(given.getOrDefault("warmup", "10")), seconds(given.getOrDefault("duration", "30")),
					seconds(given.getOrDefault("drain", "30")), Integer.parseInt(given.getOrDefault("writers", "8")),
					list(given.getOrDefault("strategies", "cdc,cdc-50ms,polling,polling-10ms")).stream()
						.map(Strategy::named)
						.toList(),
					Duration.ofMillis(Long.parseLong(given.getOrDefault("fetch-wait", "500"))),
					seconds(given.getOrDefault("jvm-warmup", "10")));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a whole number: " + ex.getMessage() + "\n" + USAGE, ex);
		}
	}

	/**
	 * @return these settings for the JVM warm-up: no warm-up of its own, its duration the
	 * JVM warm-up's
	 */
	Settings forJvmWarmUp() {
		return new Settings(this.rates, Duration.ZERO, this.jvmWarmUp, this.drain, this.writers, this.strategies,
				this.fetchWait, Duration.ZERO);
	}

	private static List<String> list(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	private static Duration seconds(String text) {
		return Duration.ofSeconds(Long.parseLong(text));
	}

}
