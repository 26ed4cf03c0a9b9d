package dev.waybill.system.faults;

/**
 * One fault the suite injects, and how an operator brings the component back. The suite
 * runs on three brokers with every topic at replication factor 3 and
 * {@code min.insync.replicas=2}, the deployment the broker faults are meant for: a single
 * broker stopped with transactions in flight can lose commit markers (KAFKA-20734,
 * docs/kafka-20734.md), which no client can make exactly-once.
 */
enum Fault {

	/** {@code kill -9} of the relay, then a start. */
	KILL_RELAY("kill -9 relay") {
		@Override
		void inject(FaultSystem system) {
			system.kill("relay");
			system.start("relay");
		}
	},

	/** {@code kill -9} of order-service, then a start. */
	KILL_ORDER_SERVICE("kill -9 order-service") {
		@Override
		void inject(FaultSystem system) {
			system.kill("order-service");
			system.start("order-service");
		}
	},

	/** {@code kill -9} of inventory-service, then a start. */
	KILL_INVENTORY_SERVICE("kill -9 inventory-service") {
		@Override
		void inject(FaultSystem system) {
			system.kill("inventory-service");
			system.start("inventory-service");
		}
	},

	/**
	 * {@code kill -9} of the broker that leads most of the relay's event partitions; it
	 * is started again once the controller has handed its partitions to in-sync replicas,
	 * and the cluster is left to become fully in sync.
	 */
	KILL_EVENT_LEADER("kill -9 the broker leading the event partitions") {
		@Override
		void inject(FaultSystem system) {
			String broker = system.broker(system.brokerRoles().eventPartitionLeader());
			system.kill(broker);
			system.awaitLeadershipMovedFrom(broker);
			system.start(broker);
			system.awaitBrokersInSync();
		}
	},

	/**
	 * Every broker stopped gracefully and started again, one at a time, waiting between
	 * them until every partition is fully in sync, as Kafka's own transactions system
	 * test bounces its brokers.
	 */
	ROLLING_RESTART_KAFKA("rolling restart of every broker") {
		@Override
		void inject(FaultSystem system) {
			for (String broker : system.brokers()) {
				system.stop(broker);
				system.start(broker);
				system.awaitBrokersInSync();
			}
		}
	},

	/**
	 * A controlled shutdown of the broker that coordinates the relay's transactions, then
	 * a start: the coordinator moves with transactions in flight.
	 */
	STOP_TRANSACTION_COORDINATOR("controlled shutdown of the relay's transaction coordinator") {
		@Override
		void inject(FaultSystem system) {
			String broker = system.broker(system.brokerRoles().relayTransactionCoordinator());
			system.stop(broker);
			system.start(broker);
			system.awaitBrokersInSync();
		}
	},

	/**
	 * PostgreSQL stopped with a fast shutdown (the stack process is stopped gracefully,
	 * which stops the postmaster with SIGINT), then started again on the same data.
	 */
	RESTART_POSTGRES("restart PostgreSQL (fast shutdown)") {
		@Override
		void inject(FaultSystem system) {
			system.stop("postgres");
			system.start("postgres");
		}
	};

	private final String description;

	Fault(String description) {
		this.description = description;
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

}
