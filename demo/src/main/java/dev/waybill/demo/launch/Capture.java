package dev.waybill.demo.launch;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the relay reads the services' outbox tables, and so how the services keep their
 * rows: from the write-ahead log (the default), or by polling the tables.
 */
public enum Capture {

	/**
	 * Logical decoding: {@code waybill.relay.capture=LOG},
	 * {@code waybill.outbox.capture=log}.
	 */
	LOG,

	/**
	 * Polling: {@code waybill.relay.capture=POLLING} on the relay and
	 * {@code waybill.outbox.capture=polling} on both services, which keep each row until
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
	 * @return the value of the services' {@code waybill.outbox.capture}, also how the
	 * launcher names it
	 */
	public String outboxValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
