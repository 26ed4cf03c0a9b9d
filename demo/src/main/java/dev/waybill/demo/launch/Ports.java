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
 * <p>
 * With several instances of the services and the relay, instance {@code n} (from 1) of
 * each listens on its port {@code + 3(n-1)}: order-service on 8081 and 8084,
 * inventory-service on 8082 and 8085, the relays on 8083 and 8086 by default, so that the
 * three interleave as the brokers do.
 *
 * @param postgres PostgreSQL
 * @param kafka the Kafka client port
 * @param controller the KRaft controller port
 * @param order order-service HTTP
 * @param inventory inventory-service HTTP
 * <p>
 * Secured ({@code --secure}), broker {@code n} also takes clients over SCRAM and TLS on
 * {@code kafkaSecured + 2(n-1)}: 9192, 9194 and 9196 by default.
 * @param postgres PostgreSQL
 * @param kafka the Kafka client port
 * @param controller the KRaft controller port
 * @param order order-service HTTP
 * @param inventory inventory-service HTTP
 * @param relay outbox-relay Actuator HTTP
 * @param kafkaSecured the Kafka port for SCRAM over TLS, when secured
 */
public record Ports(int postgres, int kafka, int controller, int order, int inventory, int relay, int kafkaSecured) {

	// where the secured listener is when no port is given for it
	private static final int SECURED_OFFSET = 100;

	// instance n of a service listens on its port + 3(n-1)
	private static final int INSTANCE_STRIDE = 3;

	/** The documented defaults. */
	public static final Ports DEFAULTS = new Ports(5433, 9092, 9093, 8081, 8082, 8083);

	/**
	 * Ports whose secured Kafka listener is {@code kafka + 100}.
	 * @param postgres PostgreSQL
	 * @param kafka the Kafka client port
	 * @param controller the KRaft controller port
	 * @param order order-service HTTP
	 * @param inventory inventory-service HTTP
	 * @param relay outbox-relay Actuator HTTP
	 */
	public Ports(int postgres, int kafka, int controller, int order, int inventory, int relay) {
		this(postgres, kafka, controller, order, inventory, relay, kafka + SECURED_OFFSET);
	}

	/**
	 * Reads {@code WAYBILL_<NAME>_PORT} variables over the defaults.
	 * @param environment the environment
	 * @return the ports
	 */
	public static Ports from(Map<String, String> environment) {
		return new Ports(port(environment, "POSTGRES", DEFAULTS.postgres), port(environment, "KAFKA", DEFAULTS.kafka),
				port(environment, "CONTROLLER", DEFAULTS.controller), port(environment, "ORDER", DEFAULTS.order),
				port(environment, "INVENTORY", DEFAULTS.inventory), port(environment, "RELAY", DEFAULTS.relay),
				port(environment, "KAFKA_SECURED", port(environment, "KAFKA", DEFAULTS.kafka) + SECURED_OFFSET));
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
	/**
	 * @param broker the broker's number, from 1
	 * @return its port for SCRAM over TLS
	 */
	public int kafkaSecured(int broker) {
		return this.kafkaSecured + 2 * (broker - 1);
	}

	/**
	 * @param broker the broker, from 1
	 * @return its controller port
	 */
	public int controller(int broker) {
		return this.controller + 2 * (broker - 1);
	}

	/**
	 * @param instance the instance's number, from 1
	 * @return the HTTP port of that instance of order-service
	 */
	public int order(int instance) {
		return this.order + INSTANCE_STRIDE * (instance - 1);
	}

	/**
	 * @param instance the instance's number, from 1
	 * @return the HTTP port of that instance of inventory-service
	 */
	public int inventory(int instance) {
		return this.inventory + INSTANCE_STRIDE * (instance - 1);
	}

	/**
	 * @param instance the instance's number, from 1
	 * @return the Actuator port of that relay instance
	 */
	public int relay(int instance) {
		return this.relay + INSTANCE_STRIDE * (instance - 1);
	}

	/**
	 * Checks that every port is a port and none is taken twice, with this many brokers
	 * and one instance of each service.
	 * @param brokers how many brokers
	 * @throws IllegalArgumentException naming the two uses of a port
	 */
	public void requireDistinct(int brokers) {
		requireDistinct(brokers, 1);
	}

	/**
	 * Checks that every port is a port and none is taken twice, with this many brokers
	 * and instances.
	 * @param brokers how many brokers
	 * @param instances how many instances of each service and of the relay
	 * @throws IllegalArgumentException naming the two uses of a port
	 */
	public void requireDistinct(int brokers, int instances) {
		requireDistinct(brokers, instances, false);
	}

	/**
	 * Checks that no two components, nor the secured listeners when secured, would listen
	 * on the same port.
	 * @param brokers how many brokers will run
	 * @param instances how many instances of each service and of the relay will run
	 * @param secured whether the brokers take secured clients on their own ports
	 * @throws IllegalArgumentException naming both uses of a port, or a port out of range
	 */
	public void requireDistinct(int brokers, int instances, boolean secured) {
		Map<Integer, String> uses = new LinkedHashMap<>();
		use(uses, this.postgres, "postgres (WAYBILL_POSTGRES_PORT)");
		for (int broker = 1; broker <= brokers; broker++) {
			String name = (brokers == 1) ? "kafka" : "kafka-" + broker;
			use(uses, kafka(broker),
					name + " (WAYBILL_KAFKA_PORT" + ((broker == 1) ? ")" : " + " + 2 * (broker - 1) + ")"));
			use(uses, controller(broker), "the controller of " + name + " (WAYBILL_CONTROLLER_PORT"
					+ ((broker == 1) ? ")" : " + " + 2 * (broker - 1) + ")"));
			if (secured) {
				use(uses, kafkaSecured(broker), "the secured listener of " + name + " (WAYBILL_KAFKA_SECURED_PORT"
						+ ((broker == 1) ? ")" : " + " + 2 * (broker - 1) + ")"));
			}
		}
		for (int instance = 1; instance <= instances; instance++) {
			String suffix = (instances == 1) ? "" : "-" + instance;
			String offset = (instance == 1) ? "" : " + " + INSTANCE_STRIDE * (instance - 1);
			use(uses, order(instance), "order-service" + suffix + " (WAYBILL_ORDER_PORT" + offset + ")");
			use(uses, inventory(instance), "inventory-service" + suffix + " (WAYBILL_INVENTORY_PORT" + offset + ")");
			use(uses, relay(instance), "relay" + suffix + " (WAYBILL_RELAY_PORT" + offset + ")");
		}
	}

	private static void use(Map<Integer, String> uses, int port, String use) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Port " + port + " for " + use + " is not a port (1-65535)");
		}
		String other = uses.putIfAbsent(port, use);
		if (other != null) {
			throw new IllegalArgumentException("Port " + port + " is wanted by both " + other + " and " + use
					+ "; brokers take every other port from WAYBILL_KAFKA_PORT, and their controllers from "
					+ "WAYBILL_CONTROLLER_PORT, and further instances of a service every third port from its own");
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
