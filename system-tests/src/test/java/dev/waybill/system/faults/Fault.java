package dev.waybill.system.faults;

/**
 * One fault the suite injects, and how an operator brings the component back.
 */
enum Fault {

	/** {@code kill -9} of the relay, then a start. */
	KILL_RELAY("kill -9 relay", "relay") {
		@Override
		void inject(FaultSystem system) {
			system.kill("relay");
			system.start("relay");
		}
	},

	/** {@code kill -9} of order-service, then a start. */
	KILL_ORDER_SERVICE("kill -9 order-service", "order-service") {
		@Override
		void inject(FaultSystem system) {
			system.kill("order-service");
			system.start("order-service");
		}
	},

	/** {@code kill -9} of inventory-service, then a start. */
	KILL_INVENTORY_SERVICE("kill -9 inventory-service", "inventory-service") {
		@Override
		void inject(FaultSystem system) {
			system.kill("inventory-service");
			system.start("inventory-service");
		}
	},

	/** The Kafka broker stopped gracefully, then started again on the same data. */
	RESTART_KAFKA("restart Kafka", "kafka") {
		@Override
		void inject(FaultSystem system) {
			system.stop("kafka");
			system.start("kafka");
		}
	},

	/**
	 * PostgreSQL stopped with a fast shutdown (the stack process is stopped gracefully,
	 * which stops the postmaster with SIGINT), then started again on the same data.
	 */
	RESTART_POSTGRES("restart PostgreSQL (fast shutdown)", "postgres") {
		@Override
		void inject(FaultSystem system) {
			system.stop("postgres");
			system.start("postgres");
		}
	};

	private final String description;

	private final String component;

	Fault(String description, String component) {
		this.description = description;
		this.component = component;
	}

	/**
	 * Breaks the component and brings it back as an operator would; the components that
	 * depend on it are left to recover on their own.
	 * @param system the system
	 */
	abstract void inject(FaultSystem system);

	String description() {
		return this.description;
	}

	String component() {
		return this.component;
	}

}
