package dev.waybill.order;

import dev.waybill.outbox.test.RunningService;
import dev.waybill.outbox.test.TestRelay;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

/**
 * Tests against the test run's one order-service, started on the embedded stack, with a
 * test relay that publishes to its topics.
 */
@ExtendWith(TestOrderServiceApplication.Shared.class)
public abstract class WithRunningOrderService {

	protected final ObjectMapper json = new ObjectMapper();

	protected final RunningService service;

	protected final TestRelay relay;

	protected WithRunningOrderService(RunningService service) {
		this.service = service;
		this.relay = service.relay();
	}

}
