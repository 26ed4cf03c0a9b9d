package dev.waybill.demo.launch;

import java.util.Map;

/**
 * The demo's ports. Defaults avoid a system PostgreSQL on 5432.
 *
 * @param postgres PostgreSQL
 * @param kafka the Kafka client port
 * @param controller the KRaft controller port
 * @param order order-service HTTP
 * @param inventory inventory-service HTTP
 * @param relay outbox-relay Actuator HTTP
 */
public record Ports(int postgres, int kafka, int controller, int order, int inventory, int relay) {

	/** The documented defaults. */
	public static final Ports DEFAULTS = new Ports(5433, 9092, 9093, 8081, 8082, 8083);

	/**
	 * Reads {@code WAYBILL_<NAME>_PORT} variables over the defaults.
	 * @param environment the environment
	 * @return the ports
	 */
	public static Ports from(Map<String, String> environment) {
		return new Ports(port(environment, "POSTGRES", DEFAULTS.postgres), port(environment, "KAFKA", DEFAULTS.kafka),
				port(environment, "CONTROLLER", DEFAULTS.controller), port(environment, "ORDER", DEFAULTS.order),
				port(environment, "INVENTORY", DEFAULTS.inventory), port(environment, "RELAY", DEFAULTS.relay));
	}

	private static int port(Map<String, String> environment, String name, int fallback) {
		String variable = "WAYBILL_" + name + "_PORT";
		String value = environment.get(variable);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int port = Integer.parseInt(value.trim());
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(variable + " must be a port number (1-65535), got '" + value + "'");
		}
	}

}
