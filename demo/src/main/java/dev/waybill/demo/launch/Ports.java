package dev.waybill.demo.launch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's ports. Defaults avoid a system PostgreSQL on 5432.
 *
 * <p>
 * With several brokers, broker {@code n} (from 1) listens on {@code kafka + 2(n-1)} and
 * its controller on {@code controller + 2(n-1)}: 9092, 9094, 9096 and 9093, 9095, 9097 by
 * default, so the single broker's ports stay where they were and a cluster's ports
 * interleave without gaps.
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

	/**
	 * @param broker the broker's number, from 1
	 * @return its client port
	 */
	public int kafka(int broker) {
		return this.kafka + 2 * (broker - 1);
	}

	/**
	 * @param broker the broker's number, from 1
	 * @return its controller port
	 */
	public int controller(int broker) {
		return this.controller + 2 * (broker - 1);
	}

	/**
	 * Checks that every port is a port and none is taken twice, with this many brokers.
	 * @param brokers how many brokers
	 * @throws IllegalArgumentException naming the two uses of a port
	 */
	public void requireDistinct(int brokers) {
		Map<Integer, String> uses = new LinkedHashMap<>();
		use(uses, this.postgres, "postgres (WAYBILL_POSTGRES_PORT)");
		for (int broker = 1; broker <= brokers; broker++) {
			String name = (brokers == 1) ? "kafka" : "kafka-" + broker;
			use(uses, kafka(broker),
					name + " (WAYBILL_KAFKA_PORT" + ((broker == 1) ? ")" : " + " + 2 * (broker - 1) + ")"));
			use(uses, controller(broker), "the controller of " + name + " (WAYBILL_CONTROLLER_PORT"
					+ ((broker == 1) ? ")" : " + " + 2 * (broker - 1) + ")"));
		}
		use(uses, this.order, "order-service (WAYBILL_ORDER_PORT)");
		use(uses, this.inventory, "inventory-service (WAYBILL_INVENTORY_PORT)");
		use(uses, this.relay, "relay (WAYBILL_RELAY_PORT)");
	}

	private static void use(Map<Integer, String> uses, int port, String use) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Port " + port + " for " + use + " is not a port (1-65535)");
		}
		String other = uses.putIfAbsent(port, use);
		if (other != null) {
			throw new IllegalArgumentException("Port " + port + " is wanted by both " + other + " and " + use
					+ "; brokers take every other port from WAYBILL_KAFKA_PORT, and their controllers from "
					+ "WAYBILL_CONTROLLER_PORT");
		}
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
