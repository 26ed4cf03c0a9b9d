package dev.waybill.order;

import dev.waybill.outbox.kafka.RunningService;
import dev.waybill.outbox.kafka.TestRelay;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

/**
 * Tests against one order-service per test class, started on the embedded stack, with a
 * test relay that publishes to its topics.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WithRunningOrderService {

	protected final ObjectMapper json = new ObjectMapper();

	protected RunningService service;

	protected TestRelay relay;

	@BeforeAll
	void start(EmbeddedStack stack) {
		this.service = TestOrderServiceApplication.start(stack);
		this.relay = this.service.relay();
	}

	@AfterAll
	void stop() {
		this.service.close();
	}

}
