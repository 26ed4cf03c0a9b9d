package dev.waybill.system.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault suite on the demo's processes with three Kafka brokers (every topic at
 * replication factor 3, {@code min.insync.replicas=2}) and two instances of each service
 * and of the relay (for each source one relay leads, the other stands by), one system for
 * the whole class: each scenario runs under its own load of orders and ends with the
 * auditor, which re-checks everything the earlier scenarios left too. The defaults are
 * the short version CI runs, which injects each fault once; the long one (RELIABILITY.md
 * has its command) repeats them and adds every fault again in random order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIntegrationTests {

	private static final FaultSettings settings = FaultSettings.fromSystemProperties();

	private static final ReliabilityTable table = new ReliabilityTable(settings);

	private static final String FIRST_ORDER = """
			{"customerId":"c-first","lines":[{"sku":"%s","quantity":1}]}""".formatted(FaultProducts.PLENTIFUL);

	private static FaultSystem system;

	@BeforeAll
	static void startTheSystem() throws Exception {
		System.out.printf("[faults] %s%n", settings.describe());
		system = FaultSystem.launch("fault-suite");
		FaultProducts.create(system.inventoryService());
	}

	@AfterAll
	static void stopTheSystem() throws Exception {
		table.write("fault-suite");
		if (system != null) {
			system.close();
		}
	}

	@Test
	@Order(0)
	void theInstancesOfEachServiceShareThePartitionsOfTheirGroup() throws InterruptedException {
		// the relay creates an outbox topic with its first event, and consumers never
		// create
		// the topics they read: a first order makes the one inventory-service consumes
		new OrderClient(system.orderServices(), Duration.ofMinutes(1)).place(FIRST_ORDER);
		for (String service : List.of("order-service", "inventory-service")) {
			// a rebalance after the second instance joined may still be on its way
			await(service + "'s instances each consume").atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(500))
				.ignoreException(IllegalStateException.class)
				.untilAsserted(() -> assertThat(system.instances(service)).hasSize(2)
					.allSatisfy(
							(instance) -> assertThat(system.assignedPartitions(instance)).as(instance).isPositive()));
		}
	}

	@Test
	@Order(1)
	void nothingIsLostOrDuplicatedWhenTheLeadingRelayIsKilledPausedOrStopped() throws Exception {
		List<Fault> faults = repeated(
				List.of(Fault.KILL_LEADING_RELAY, Fault.PAUSE_LEADING_RELAY, Fault.STOP_LEADING_RELAY));
		Collections.shuffle(faults, new Random(settings.seed()));
		System.out.printf("[faults] scenario 1 order from seed %d: %s%n", settings.seed(), faults);
		run("1. leading relay killed, paused, stopped", faults);
	}

	@Test
	@Order(2)
	void acceptedOrdersSurviveAnInstanceOfEachServiceBeingKilled() throws Exception {
		run("2. service instances killed", repeated(List.of(Fault.KILL_SERVICE_INSTANCES)));
	}

	@Test
	@Order(3)
	void nothingIsLostOrDuplicatedWhenBrokersAreKilledRestartedAndShutDownAndPostgresRestarts() throws Exception {
		run("3. brokers killed, restarted, shut down; PostgreSQL restarted", repeated(List.of(Fault.KILL_EVENT_LEADER,
				Fault.ROLLING_RESTART_KAFKA, Fault.STOP_TRANSACTION_COORDINATOR, Fault.RESTART_POSTGRES)));
	}

	@Test
	@Order(4)
	void everythingHoldsUnderAllFaultsInRandomOrder() throws Exception {
		assumeTrue(settings.repeats() > 1, "every fault in random order belongs to the long run: the short one "
				+ "injects each fault once, in scenarios 1 to 3");
		List<Fault> faults = repeated(List.of(Fault.values()));
		Collections.shuffle(faults, new Random(settings.seed()));
		System.out.printf("[faults] scenario 4 order from seed %d: %s%n", settings.seed(), faults);
		run("4. all, random order", faults);
	}

	private static void run(String name, List<Fault> faults) throws Exception {
		ScenarioResult result = new ScenarioRunner(system, settings).run(name, faults);
		table.add(result);
		assertThat(result.lostOrders()).as("accepted orders order-service does not know").isEmpty();
		assertThat(result.audit().passed()).as(result.audit().toText()).isTrue();
		assertThat(result.outcomes()).hasSize(faults.size());
	}

	private static List<Fault> repeated(List<Fault> faults) {
		List<Fault> all = new ArrayList<>();
		for (int i = 0; i < settings.repeats(); i++) {
			all.addAll(faults);
		}
		return all;
	}

}
