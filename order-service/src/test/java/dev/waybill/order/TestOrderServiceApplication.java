package dev.waybill.order;

import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.RunningServiceExtension;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;

/**
 * order-service in this JVM: run by hand against a throw-away embedded stack (PostgreSQL
 * and Kafka in this JVM) on port 8081, or started by a test on a database of its own.
 */
public final class TestOrderServiceApplication {

	private TestOrderServiceApplication() {
	}

	public static void main(String[] args) {
		RunningService.runOnThrowAwayStack(ServiceDatabase.ORDERS, OrderServiceApplication.class);
	}

	/**
	 * Starts order-service on a database of its own, with topics and a consumer group no
	 * other test shares.
	 * @param stack the stack
	 * @return the running service; close it to stop it
	 */
	public static RunningService start(EmbeddedStack stack) {
		return RunningService.start(stack, "orders", "waybill.order.topic-prefix", OrderServiceApplication.class);
	}

	/**
	 * Hands the test run's one order-service, started on first use, to tests that declare
	 * a {@link RunningService} parameter.
	 */
	public static final class Shared extends RunningServiceExtension {

		Shared() {
			super(TestOrderServiceApplication::start);
		}

	}

}
