package dev.waybill.demo.launch;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the relay reads the services' outbox tables: from the write-ahead log (the
 * default), or by polling the tables. The relay records it in each service's database,
 * where the services' cleanup reads it.
 */
public enum Capture {

	/** Logical decoding: {@code waybill.relay.capture=LOG}. */
	LOG,

	/**
	 * Polling: {@code waybill.relay.capture=POLLING}; the services keep each row until
	 * the relay marks it published.
	 */
	POLLING;

	/**
	 * @param value {@code log} or {@code polling}, in any case
	 * @param setting where the value comes from, for the error message
	 * @return the capture
	 * @throws IllegalArgumentException naming the setting and the allowed values
	 */
	public static Capture parse(String value, String setting) {
		return Arrays.stream(values())
			.filter((capture) -> capture.name().equalsIgnoreCase(value.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(setting + " must be log or polling, got '" + value + "'"));
	}

	/**
	 * @return the value of the relay's {@code waybill.relay.capture}
	 */
	public String relayValue() {
		return name();
	}

	/**
	 * @return how the launcher names it: {@code log} or {@code polling}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
