package dev.waybill.relay.bench;

import java.util.List;

/**
 * A way of running the relay: its capture strategy and the settings that select it.
 *
 * @param name the name used on the command line
 * @param label the name printed in the results
 * @param properties the relay settings added to the test source's
 * @param readsWal whether the relay must hold an active replication slot while it runs
 */
public record Strategy(String name, String label, List<String> properties, boolean readsWal) {

	/** Debezium reading the WAL, exactly-once. */
	public static final Strategy CDC = new Strategy("cdc", "CDC", List.of("waybill.relay.capture=LOG"), true);

	/**
	 * Debezium with a 10 ms {@code poll.interval.ms}: its streaming loop sleeps that long
	 * whenever the replication stream has nothing pending, so the relay's default (50 ms)
	 * bounds how late an event following a quiet moment is read.
	 */
	public static final Strategy CDC_10MS = new Strategy("cdc-10ms", "CDC (poll interval 10 ms)",
			List.of("waybill.relay.capture=LOG", "waybill.relay.poll-interval=10ms"), true);

	/** Polling the outbox table at the relay's default interval, exactly-once. */
	public static final Strategy POLLING = new Strategy("polling", "polling (default interval)",
			List.of("waybill.relay.capture=POLLING"), false);

	/** Polling every 10 ms when the table had nothing to publish, exactly-once. */
	public static final Strategy POLLING_10MS = new Strategy("polling-10ms", "polling (10 ms)",
			List.of("waybill.relay.capture=POLLING", "waybill.relay.polling.interval=10ms"), false);

	/** Every strategy, in the order a run measures them at its first rate. */
	public static final List<Strategy> ALL = List.of(CDC, CDC_10MS, POLLING, POLLING_10MS);

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
		return !this.readsWal;
	}

}
