package dev.waybill.relay.bench;

import java.util.List;

import dev.waybill.relay.RelayProperties.Capture;

/**
 * A way of running the relay: its capture strategy and the settings that select it.
 *
 * @param name the name used on the command line
 * @param label the name printed in the results
 * @param capture how the relay reads the outbox
 * @param properties relay settings added to the test source's
 */
public record Strategy(String name, String label, Capture capture, List<String> properties) {

	/** Debezium reading the WAL at the relay's default poll interval, exactly-once. */
	public static final Strategy CDC = new Strategy("cdc", "CDC (default interval)", Capture.LOG, List.of());

	/**
	 * Debezium with the relay's earlier default {@code poll-interval}, 50 ms: its
	 * streaming loop sleeps that long whenever the replication stream has nothing
	 * pending, and its queue holds a batch that is not full until that long has passed.
	 */
	public static final Strategy CDC_50MS = new Strategy("cdc-50ms", "CDC (50 ms)", Capture.LOG,
			List.of("waybill.relay.poll-interval=50ms"));

	/**
	 * Debezium with a 2 ms {@code poll-interval}: what a shorter wait buys in latency,
	 * and costs in wake-ups and in smaller Kafka transactions.
	 */
	public static final Strategy CDC_2MS = new Strategy("cdc-2ms", "CDC (2 ms)", Capture.LOG,
			List.of("waybill.relay.poll-interval=2ms"));

	/** Polling the outbox table at the relay's default interval, exactly-once. */
	public static final Strategy POLLING = new Strategy("polling", "polling (default interval)", Capture.POLLING,
			List.of());

	/** Polling every 10 ms when the table had nothing to publish, exactly-once. */
	public static final Strategy POLLING_10MS = new Strategy("polling-10ms", "polling (10 ms)", Capture.POLLING,
			List.of("waybill.relay.polling.interval=10ms"));

	/** Every strategy, in the order a run measures them at its first rate. */
	public static final List<Strategy> ALL = List.of(CDC, CDC_50MS, CDC_2MS, POLLING, POLLING_10MS);

	/**
	 * @param name a strategy's command-line name
	 * @return the strategy
	 */
	public static Strategy named(String name) {
		return ALL.stream()
			.filter((strategy) -> strategy.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown strategy '" + name + "'; known: " + ALL.stream().map(Strategy::name).toList()));
	}

	/**
	 * @return whether this strategy polls the outbox table
	 */
	public boolean polls() {
		return this.capture == Capture.POLLING;
	}

	/**
	 * @return whether the relay reads the write-ahead log through a replication slot
	 */
	public boolean readsWal() {
		return this.capture == Capture.LOG;
	}

}
