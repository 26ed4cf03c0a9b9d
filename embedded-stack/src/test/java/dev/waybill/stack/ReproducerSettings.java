package dev.waybill.stack;

import java.time.Duration;

/**
 * The KAFKA-20734 reproducer's options, from system properties.
 *
 * @param restarts how many times to restart the broker
 * @param budget the run ends after the restart under way once this much time has passed
 * @param controlledShutdown the broker's {@code controlled.shutdown.enable}
 * @param quickRestarts whether to start the broker again at once; otherwise it stays down
 * until the writer gave up on its transaction and started over, as it does when an outage
 * outlasts its producer's delivery timeout
 */
record ReproducerSettings(int restarts, Duration budget, boolean controlledShutdown, boolean quickRestarts) {

	static final String RESTARTS = "waybill.kafka20734.restarts";

	static final String MINUTES = "waybill.kafka20734.minutes";

	static final String CONTROLLED_SHUTDOWN = "waybill.kafka20734.controlled-shutdown";

	static final String QUICK_RESTARTS = "waybill.kafka20734.quick-restarts";

	static ReproducerSettings fromSystemProperties() {
		return new ReproducerSettings(positive(RESTARTS, System.getProperty(RESTARTS)),
				Duration.ofMinutes(positive(MINUTES, System.getProperty(MINUTES, "25"))),
				bool(CONTROLLED_SHUTDOWN, System.getProperty(CONTROLLED_SHUTDOWN, "true")),
				bool(QUICK_RESTARTS, System.getProperty(QUICK_RESTARTS, "false")));
	}

	static int positive(String name, String value) {
		try {
			int parsed = Integer.parseInt(value.strip());
			if (parsed > 0) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("-D" + name + " must be a whole number above 0, was '" + value + "'");
	}

	static boolean bool(String name, String value) {
		return switch (value.strip()) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("-D" + name + " must be true or false, was '" + value + "'");
		};
	}

}
