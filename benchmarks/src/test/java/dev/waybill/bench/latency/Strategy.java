package dev.waybill.bench.latency;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.waybill.contract.OutboxCapture;

/**
 * A way of running the relay: its capture strategy and the settings that select it.
 *
 * @param name the name used on the command line
 * @param label the name printed in the results
 * @param capture how the relay reads the outbox
 * @param properties relay settings added to the test source's
 */
public record Strategy(String name, String label, OutboxCapture capture, List<String> properties) {

	/** Debezium reading the WAL at the relay's default poll interval, exactly-once. */
	public static final Strategy CDC = new Strategy("cdc", "CDC (default interval)", OutboxCapture.LOG, List.of());

	/** Polling the outbox table at the relay's default interval, exactly-once. */
	public static final Strategy POLLING = new Strategy("polling", "polling (default interval)", OutboxCapture.POLLING,
			List.of());

	/**
	 * Debezium reading the WAL at the default interval with Debezium's own queue storage,
	 * which spins through the end of every poll, instead of the relay's.
	 */
	public static final Strategy CDC_DEBEZIUM_QUEUE = new Strategy("cdc-debezium-queue",
			"CDC (default interval), Debezium's queue storage", OutboxCapture.LOG,
			List.of("waybill.relay.sources[0].debezium.queue.provider.type=memory"));

	private static final Pattern WITH_INTERVAL = Pattern.compile("(cdc|polling)-([1-9][0-9]*)ms");

	private static final Pattern WITH_LINGER = Pattern.compile("cdc-linger-([0-9]+)ms");

	/**
	 * @param name a strategy's command-line name: {@code cdc} or {@code polling} (the
	 * relay's default intervals), {@code cdc-debezium-queue}, or either with an interval,
	 * such as {@code cdc-2ms} (Debezium's {@code poll-interval}: its streaming loop
	 * sleeps that long whenever the replication stream has nothing pending, and its queue
	 * holds a batch that is not full until that long has passed) or {@code polling-10ms}
	 * (the wait after a query that did not fill a batch), or {@code cdc-linger-<n>ms}
	 * (log capture with the relay's {@code linger}, {@code cdc-linger-0ms} without it)
	 * @return the strategy
	 */
	public static Strategy named(String name) {
		if (name.equals(CDC.name())) {
			return CDC;
		}
		if (name.equals(POLLING.name())) {
			return POLLING;
		}
		if (name.equals(CDC_DEBEZIUM_QUEUE.name())) {
			return CDC_DEBEZIUM_QUEUE;
		}
		Matcher lingering = WITH_LINGER.matcher(name);
		if (lingering.matches()) {
			return new Strategy(name, "CDC (linger " + lingering.group(1) + "ms)", OutboxCapture.LOG,
					List.of("waybill.relay.linger=" + lingering.group(1) + "ms"));
		}
		Matcher matcher = WITH_INTERVAL.matcher(name);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Unknown strategy '" + name
					+ "'; known: cdc, polling, cdc-debezium-queue, either with an interval in ms, such as cdc-2ms or"
					+ " polling-10ms, or cdc with a linger in ms, such as cdc-linger-0ms");
		}
		String interval = matcher.group(2) + "ms";
		return matcher.group(1).equals("cdc")
				? new Strategy(name, "CDC (" + interval + ")", OutboxCapture.LOG,
						List.of("waybill.relay.poll-interval=" + interval))
				: new Strategy(name, "polling (" + interval + ")", OutboxCapture.POLLING,
						List.of("waybill.relay.polling.interval=" + interval));
	}

	/**
	 * @return whether this strategy polls the outbox table
	 */
	public boolean polls() {
		return this.capture == OutboxCapture.POLLING;
	}

	/**
	 * @return whether the relay reads the write-ahead log through a replication slot
	 */
	public boolean readsWal() {
		return this.capture == OutboxCapture.LOG;
	}

}
