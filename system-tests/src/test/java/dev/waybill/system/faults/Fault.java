package dev.waybill.system.faults;

import java.util.List;

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
	 * {@code kill -9} of the relay leading the orders source, which is left down until
	 * the standby leads and the system processes orders again; then started to stand by.
	 */
	KILL_LEADING_RELAY("kill -9 the leading relay") {
		@Override
		List<String> inject(FaultSystem system) {
			return List.of(system.takeDownLeadingRelay(system::kill));
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
		List<String> inject(FaultSystem system) {
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
			if (!(relays.metric(leader, "waybill_relay_leadership_lost_total") >= 1)) {
				throw new IllegalStateException(leader + " stood by after its pause without counting a lost "
						+ "leadership in waybill.relay.leadership.lost");
			}
			return List.of();
		}
	},

	/**
	 * The leading relay stopped gracefully, which hands its leadership over at once; left
	 * down until the system processes orders again, then started to stand by.
	 */
	STOP_LEADING_RELAY("stop the leading relay gracefully") {
		@Override
		List<String> inject(FaultSystem system) {
			return List.of(system.takeDownLeadingRelay(system::stop));
		}
	},

	/**
	 * {@code kill -9} of one instance of each service, left down while their siblings
	 * serve until the system processes orders again; then started.
	 */
	KILL_SERVICE_INSTANCES("kill -9 one instance of each service") {
		@Override
		List<String> inject(FaultSystem system) {
			List<String> killed = List.of(system.instances("order-service").get(0),
					system.instances("inventory-service").get(0));
			killed.forEach(system::kill);
			return killed;
		}
	},

	/**
	 * {@code kill -9} of the broker that leads most of the relay's event partitions; it
	 * is started again once the controller has handed its partitions to in-sync replicas,
	 * and the cluster is left to become fully in sync.
	 */
	KILL_EVENT_LEADER("kill -9 the broker leading the event partitions") {
		@Override
		List<String> inject(FaultSystem system) {
			String broker = system.broker(system.brokerRoles().eventPartitionLeader());
			system.kill(broker);
			system.awaitLeadershipMovedFrom(broker);
			system.start(broker);
			system.awaitBrokersInSync();
			return List.of();
		}
	},

	/**
	 * Every broker stopped gracefully and started again, one at a time, waiting between
	 * them until every partition is fully in sync, as Kafka's own transactions system
	 * test bounces its brokers.
	 */
	ROLLING_RESTART_KAFKA("rolling restart of every broker") {
		@Override
		List<String> inject(FaultSystem system) {
			for (String broker : system.brokers()) {
				system.stop(broker);
				system.start(broker);
				system.awaitBrokersInSync();
			}
			return List.of();
		}
	},

	/**
	 * A controlled shutdown of the broker that coordinates the relay's transactions, then
	 * a start: the coordinator moves with transactions in flight.
	 */
	STOP_TRANSACTION_COORDINATOR("controlled shutdown of the relay's transaction coordinator") {
		@Override
		List<String> inject(FaultSystem system) {
			String broker = system.broker(system.brokerRoles().relayTransactionCoordinator());
			system.stop(broker);
			system.start(broker);
			system.awaitBrokersInSync();
			return List.of();
		}
	},

	/**
	 * PostgreSQL stopped with a fast shutdown (the stack process is stopped gracefully,
	 * which stops the postmaster with SIGINT), then started again on the same data.
	 */
	RESTART_POSTGRES("restart PostgreSQL (fast shutdown)") {
		@Override
		List<String> inject(FaultSystem system) {
			system.stop("postgres");
			system.start("postgres");
			return List.of();
		}
	};

	private final String description;

	Fault(String description) {
		this.description = description;
	}

	/**
	 * Breaks the component. A fault the system rides through (an instance of several
	 * down) leaves it down, for the recovery to measure the system without it and to
	 * start it afterwards; any other fault brings it back as an operator would. The
	 * components that depend on it are left to recover on their own.
	 * @param system the system
	 * @return the components left down, to start once the system processes orders again
	 */
	abstract List<String> inject(FaultSystem system);

	String description() {
		return this.description;
	}

}
