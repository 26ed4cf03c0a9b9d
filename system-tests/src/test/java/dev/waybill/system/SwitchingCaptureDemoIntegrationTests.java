package dev.waybill.system;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo on polling capture as a user runs it: {@code ./waybill up --fresh
 * --capture=polling}, an order through the saga, then {@code restart relay
 * --capture=log}, whose relay takes that data over, and {@code up --capture=polling}
 * refused on it. The demo is the {@link SharedDemo}: the saga and demo tests go on on the
 * switched demo (named to come before them in the failsafe configuration's reverse
 * alphabetical order, so that the demo starts once). Its orders are for a product of its
 * own, so that the demo products' stock is the demo tests' alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedDemo.Extension.class)
class SwitchingCaptureDemoIntegrationTests {

	private static final String SLOTS = """
			SELECT slot_name FROM pg_replication_slots""";

	private static final String OUTBOX_ROWS = """
			SELECT count(*) FILTER (WHERE published_at IS NULL) AS unpublished,
			       count(*) FILTER (WHERE published_at IS NOT NULL) AS published
			FROM outbox_event""";

	private static final String CAPTURE_LINE = "capture              polling";

	private static final String LOG_CAPTURE_LINE = "capture              log";

	private static final String SKU = "CAPTURE-SWITCH";

	private static SharedDemo shared;

	private static RunningDemo demo;

	private static String polledOrder;

	@BeforeAll
	static void startTheDemoOnPollingCapture(SharedDemo sharedDemo) throws IOException, InterruptedException {
		shared = sharedDemo;
		demo = shared.demoOnPollingCapture();
		new SagaApi(demo).createProduct(SKU, 100);
	}

	@Test
	@Order(1)
	void theRelayPollsBothOutboxTablesAndMarksWhatItPublishedWithoutAReplicationSlot() throws Exception {
		assertThat(demo.upOutput()).contains(CAPTURE_LINE).contains("(polling capture)");
		polledOrder = assertOrderConfirmed();
		assertThat(demo.relayHealth()).contains("unpublishedRows").doesNotContain("lagBytes");
		SagaDatabases databases = new SagaDatabases(demo);
		assertThat(databases.rows(SagaDatabases.ORDERS, SLOTS)).isEmpty();
		for (String database : List.of(SagaDatabases.ORDERS, SagaDatabases.INVENTORY)) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(databases.rows(database, OUTBOX_ROWS)).as("outbox of %s", database)
					.singleElement()
					.satisfies((row) -> assertThat(row).startsWith("0|").isNotEqualTo("0|0")));
		}
	}

	@Test
	@Order(2)
	void theRelayRestartedOnLogCaptureKeepsThePolledDataAndTakesItOver() throws Exception {
		assertThat(demo.command("status")).contains(CAPTURE_LINE);
		// only the relay reads the capture from its settings: the services read it from
		// their databases, where the relay records it
		assertThat(shared.switchToLogCapture()).contains("relay healthy in");
		assertThat(demo.command("status")).contains(LOG_CAPTURE_LINE);
		assertThat(demo.relayHealth()).contains("lagBytes");
		assertThat(new SagaDatabases(demo).rows(SagaDatabases.ORDERS, SLOTS)).isNotEmpty();
		assertThat(demo.getOrder(polledOrder).path("status").asString()).isEqualTo("CONFIRMED");
		assertOrderConfirmed();
	}

	@Test
	@Order(3)
	void upRefusesPollingOnDataTheLogCapturedAndTooManyInstancesLeavingTheSystemRunning() throws Exception {
		assertThat(demo.command("status")).contains(LOG_CAPTURE_LINE);
		assertThat(demo.refusedCommand("up", "--capture=polling")).contains("was written under log capture")
			.contains("./waybill up --fresh --capture=polling");
		assertThat(demo.refusedCommand("up", "--instances=9")).contains("--instances must be from 1 to 4");
		assertThat(demo.command("status")).doesNotContain("STOPPED").doesNotContain("UNHEALTHY");
	}

	private static String assertOrderConfirmed() throws IOException, InterruptedException {
		String id = demo.placeOrder("""
				{"customerId":"c-7","lines":[{"sku":"%s","quantity":1}]}""".formatted(SKU)).path("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(demo.getOrder(id).path("status").asString()).isEqualTo("CONFIRMED"));
		return id;
	}

}
