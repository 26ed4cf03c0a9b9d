package dev.waybill.inventory;

import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.RunningServiceExtension;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;

/**
 * inventory-service in this JVM: run by hand against a throw-away embedded stack
 * (PostgreSQL and Kafka in this JVM) on port 8082, or started by a test on a database of
 * its own.
 */
public final class TestInventoryServiceApplication {

	private TestInventoryServiceApplication() {
	}

	public static void main(String[] args) {
		RunningService.runOnThrowAwayStack(ServiceDatabase.INVENTORY, InventoryServiceApplication.class);
	}

	/**
	 * Starts inventory-service on a database of its own, with topics and a consumer group
	 * no other test shares.
	 * @param stack the stack
	 * @return the running service; close it to stop it
	 */
	public static RunningService start(EmbeddedStack stack) {
		return RunningService.start(stack, "inventory", "waybill.inventory.topic-prefix",
				InventoryServiceApplication.class);
	}

	/**
	 * Hands the test run's one inventory-service, started on first use, to tests that
	 * declare a {@link RunningService} parameter.
	 */
	public static final class Shared extends RunningServiceExtension {

		Shared() {
			super(TestInventoryServiceApplication::start);
		}

	}

}
