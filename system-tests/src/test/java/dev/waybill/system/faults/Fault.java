package dev.waybill.system.faults;

/**
 * One fault the suite injects, and how an operator brings the component back. The suite
 * runs two instances of each service and of the relay, and three brokers with every topic
 * at replication factor 3 and {@code min.insync.replicas=2}, the deployment the broker
 * faults are meant for: a single broker stopped with transactions in flight can lose
 * commit markers (KAFKA-20734, docs/kafka-20734.md), which no client can make
 * exactly-once.
 */
enum Fault {

	/**
	 * {@code kill -9} of the relay leading the orders source; once the standby leads it,
	 * the killed one is started again and stands by.
	 */
	KILL_LEADING_RELAY("kill -9 the leading relay") {
		@Override
		void inject(FaultSystem system) {
			system.replaceLeadingRelay(system::kill);
		}
	},

	/**
	 * SIGSTOP of the leading relay until its lease has run out and the standby leads,
	 * then SIGCONT: the zombie resumes, finds its leadership gone and stands by without
	 * publishing anything (the auditor counts what was published twice), and counts the
	 * loss.
	 */
	PAUSE_LEADING_RELAY("pause (SIGSTOP) the leading relay until the standby leads, then resume it") {
		@Override
		void inject(FaultSystem system) {
			RelayLeadership relays = system.relays();
			String leader = relays.leader();
			system.pause(leader, true);
			try {
				relays.awaitTakeoverFrom(leader);
			}
			finally {
				system.pause(leader, false);
			}
			relays.awaitStandingBy(leader);
			if (!(relays.meter(leader, "waybill.relay.leadership.lost") >= 1)) {
				throw new IllegalStateException(leader + " stood by after its pause without counting a lost "
						+ "leadership in waybill.relay.leadership.lost");
			}
		}
	},

	/**
	 * The leading relay stopped gracefully, which hands its leadership over at once; then
	 * started again, to stand by.
	 */
	STOP_LEADING_RELAY("stop the leading relay gracefully") {
		@Override
		void inject(FaultSystem system) {
			system.replaceLeadingRelay(system::stop);
		}
	},

	/**
	 * {@code kill -9} of one order-service instance while its sibling serves, then a
	 * start.
	 */
	KILL_ORDER_SERVICE("kill -9 one order-service instance") {
		@Override
		void inject(FaultSystem system) {
			String instance = system.instances("order-service").get(0);
			system.kill(instance);
			system.start(instance);
		}
	},

	/**
	 * {@code kill -9} of one inventory-service instance while its sibling consumes, then
	 * a start.
	 */
	KILL_INVENTORY_SERVICE("kill -9 one inventory-service instance") {
		@Override
		void inject(FaultSystem system) {
			String instance = system.instances("inventory-service").get(0);
			system.kill(instance);
			system.start(instance);
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
