package dev.waybill.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.waybill.audit.TestSystem.Event;
import dev.waybill.audit.TestSystem.Side;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds a small consistent world on the embedded stack (the services' real schemas,
 * records published the way the relay publishes them), then corrupts exactly one thing
 * per test and expects exactly the check that guards it to fail, naming the offender.
 * Each test has a world of its own; only the template databases its schemas are copied
 * from and the producer are shared, made once for the class.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(Lifecycle.PER_CLASS)
class AuditorIntegrationTests {

	private final EmbeddedStack stack;

	private TestSystems systems;

	private TestSystem system;

	private TestWorld world;

	private UUID confirmed;

	private UUID rejected;

	private UUID cancelled;

	private UUID pending;

	AuditorIntegrationTests(EmbeddedStack stack) {
		this.stack = stack;
	}

	@BeforeAll
	void prepareSystems() throws Exception {
		this.systems = new TestSystems(this.stack);
	}

	@AfterAll
	void closeSystems() {
		this.systems.close();
	}

	@BeforeEach
	void buildConsistentWorld() throws Exception {
		this.system = this.systems.create();
		this.world = new TestWorld(this.system);
		this.world.createProduct("SKU-A", 10);
		this.world.createProduct("SKU-B", 5);
		this.world.createProduct("SKU-C", 3);
		this.confirmed = this.world.placeOrder(lines("SKU-A", 2, "SKU-B", 1));
		this.world.reserve(this.confirmed);
		this.rejected = this.world.placeOrder(lines("SKU-C", 5));
		this.world.reject(this.rejected, "Insufficient stock: SKU-C (requested 5, available 3)");
		this.world.setAvailable("SKU-C", 8, 1);
		this.cancelled = this.world.placeOrder(lines("SKU-A", 1, "SKU-C", 2));
		this.world.reserve(this.cancelled);
		this.world.release(this.cancelled, this.world.cancel(this.cancelled));
		this.pending = this.world.placeOrder(lines("SKU-B", 1));
		this.system.publishPending();
	}

	@AfterEach
	void close() throws Exception {
		this.system.close();
	}

	@Test
	void passesEveryCheckOnAConsistentWorld() {
		AuditReport report = Auditor.audit(this.system.target());
		assertThat(report.failedChecks()).as(report.toText()).isEmpty();
		assertThat(report.checks()).extracting(CheckResult::name)
			.containsExactly(PublicationCheck.NAME, AppliedOnceCheck.NAME, FinalStateCheck.NAME, StockCheck.NAME,
					ReplicaCheck.NAME, VersionSequenceCheck.NAME);
		assertThat(report.checks()).allSatisfy((check) -> assertThat(check.checked()).isPositive());
		assertThat(report.check(FinalStateCheck.NAME).orElseThrow().details())
			.anySatisfy((detail) -> assertThat(detail).startsWith("1 PENDING, the oldest for"));
	}

	@Test
	void findsAnOutboxEventThatWasNotPublished() throws Exception {
		UUID late = this.world.placeOrder(lines("SKU-A", 1));
		Event unpublished = this.system.event("OrderPlaced", late);
		this.system.forget(unpublished);
		AuditReport report = assertOnlyFailure(PublicationCheck.NAME, unpublished.id().toString());
		assertThat(report.check(PublicationCheck.NAME).orElseThrow().counts()).containsEntry("notPublished", 1L)
			.containsEntry("publishedTwice", 0L);
	}

	@Test
	void findsAnOutboxEventThatWentToTheRelaysDeadLetterTopic() throws Exception {
		UUID late = this.world.placeOrder(lines("SKU-A", 1));
		Event unroutable = this.system.event("OrderPlaced", late);
		this.system.deadLetter(unroutable);
		AuditReport report = assertOnlyFailure(PublicationCheck.NAME, unroutable.id().toString());
		assertThat(report.check(PublicationCheck.NAME).orElseThrow().findings().get(0).problem())
			.contains("went to the relay's dead-letter topic");
	}

	@Test
	void findsAnEventPublishedTwice() {
		Event placed = this.system.event("OrderPlaced", this.pending);
		this.system.publish(List.of(placed));
		AuditReport report = assertOnlyFailure(PublicationCheck.NAME, placed.id().toString());
		assertThat(report.check(PublicationCheck.NAME).orElseThrow().count("publishedTwice")).isOne();
	}

	@Test
	void findsAnEventWhoseEffectWasAppliedTwice() throws Exception {
		// StockReserved applied a second time: the order moves again and confirms again
		this.world.settle(this.confirmed, "CONFIRMED", "OrderConfirmed");
		this.system.publishPending();
		AuditReport report = assertOnlyFailure(AppliedOnceCheck.NAME, this.confirmed.toString());
		assertThat(report.check(AppliedOnceCheck.NAME).orElseThrow().counts()).containsEntry("transitionRepeated", 1L)
			.containsEntry("eventRepeated", 1L)
			.containsEntry("statusWithoutEvent", 0L);
	}

	@Test
	void findsAStatusChangedWithoutItsEvent() throws Exception {
		this.system.update(Side.ORDERS, "UPDATE customer_order SET status = 'CANCELLED', version = 2 WHERE id = ?",
				this.pending);
		AuditReport report = assertOnlyFailure(AppliedOnceCheck.NAME, this.pending.toString());
		assertThat(report.check(AppliedOnceCheck.NAME).orElseThrow().count("statusWithoutEvent")).isOne();
	}

	@Test
	void findsAnEffectWhoseInboxRowIsMissing() throws Exception {
		Event placed = this.system.event("OrderPlaced", this.confirmed);
		this.system.update(Side.INVENTORY, "DELETE FROM processed_event WHERE event_id = ?", placed.id());
		assertOnlyFailure(AppliedOnceCheck.NAME, placed.id().toString());
	}

	@Test
	void findsAnInboxRowWithoutItsEffect() throws Exception {
		this.system.update(Side.ORDERS, "UPDATE customer_order SET status = 'PENDING', version = 1 WHERE id = ?",
				this.rejected);
		assertOnlyFailure(AppliedOnceCheck.NAME, this.system.event("StockRejected", this.rejected).id().toString());
	}

	@Test
	void findsAPendingOrderOlderThanTheMaximumAge() throws Exception {
		this.system.update(Side.ORDERS,
				"UPDATE customer_order SET created_at = now() - interval '2 hours' WHERE id = ?", this.pending);
		AuditReport report = assertOnlyFailure(FinalStateCheck.NAME, this.pending.toString());
		assertThat(report.check(FinalStateCheck.NAME).orElseThrow().findings().get(0).problem())
			.startsWith("PENDING for 2h");
	}

	@Test
	void findsStockThatIsNotConserved() throws Exception {
		// a release applied twice: units leave "reserved" that no reservation gives back
		this.world.changeStock("SKU-A", 1, -1);
		this.system.publishPending();
		assertOnlyFailure(StockCheck.NAME, "SKU-A");
	}

	@Test
	void findsStockChangedInPlaceWithoutItsEvent() throws Exception {
		this.system.update(Side.INVENTORY, "UPDATE product SET available = available + 5 WHERE sku = 'SKU-B'");
		AuditReport report = Auditor.audit(this.system.target());
		// the replica cannot have heard of a change that was never announced
		assertThat(report.failedChecks()).containsExactly(StockCheck.NAME, ReplicaCheck.NAME);
		assertThat(report.check(StockCheck.NAME).orElseThrow().findings()).extracting(Finding::id)
			.containsExactly("SKU-B");
	}

	@Test
	void findsAReservationHeldForACancelledOrder() throws Exception {
		this.world.cancel(this.confirmed);
		this.system.publishPending();
		assertOnlyFailure(StockCheck.NAME, this.confirmed.toString());
	}

	@Test
	void findsAReplicaRowThatDiffersFromInventory() throws Exception {
		this.system.update(Side.ORDERS, "UPDATE product_replica SET available = available - 1 WHERE sku = 'SKU-B'");
		assertOnlyFailure(ReplicaCheck.NAME, "SKU-B");
	}

	@Test
	void findsAGapInAnAggregatesVersions() throws Exception {
		this.world.setAvailable("SKU-B", 9, 2);
		this.system.publishPending();
		AuditReport report = assertOnlyFailure(VersionSequenceCheck.NAME, productAggregate("SKU-B"));
		assertThat(report.check(VersionSequenceCheck.NAME).orElseThrow().findings().get(0).problem())
			.startsWith("gap: version 4 after 2");
	}

	@Test
	void findsAReorderingOfAnAggregatesVersions() throws Exception {
		UUID late = this.world.placeOrder(lines("SKU-B", 1));
		this.world.reject(late, "Insufficient stock");
		this.system.publish(List.of(this.system.event("OrderRejected", late), this.system.event("OrderPlaced", late),
				this.system.event("StockRejected", late)));
		AuditReport report = assertOnlyFailure(VersionSequenceCheck.NAME,
				this.system.target().topicPrefix() + "order/" + late);
		assertThat(report.check(VersionSequenceCheck.NAME).orElseThrow().findings())
			.anySatisfy((finding) -> assertThat(finding.problem()).startsWith("reordering: version 1 after 2"));
	}

	@Test
	void theCommandPrintsJsonAndExitsWithOneWhenACheckFails() throws Exception {
		this.system.update(Side.ORDERS, "UPDATE product_replica SET version = version + 1 WHERE sku = 'SKU-C'");
		AuditTarget target = this.system.target();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = AuditCommand.run(new String[] { "--json", "--orders-url", target.orders().jdbcUrl(), "--orders-user",
				target.orders().username(), "--orders-password", target.orders().password(),
				"--inventory-url=" + target.inventory().jdbcUrl(), "--inventory-user=" + target.inventory().username(),
				"--inventory-password=" + target.inventory().password(),
				"--bootstrap-servers=" + target.bootstrapServers(), "--topic-prefix=" + target.topicPrefix() },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(AuditCommand.FAILED);
		assertThat(json.get("passed").asBoolean()).isFalse();
		assertThat(json.get("checks").findValuesAsString("verdict")).containsExactly("PASS", "PASS", "PASS", "PASS",
				"FAIL", "PASS");
		assertThat(json.get("checks").get(4).get("findings").get(0).get("id").asString()).isEqualTo("SKU-C");
	}

	@Test
	void theCommandExitsWithTwoWhenKafkaIsUnreachable() {
		AuditTarget target = this.system.target();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = AuditCommand.run(new String[] { "--orders-url", target.orders().jdbcUrl(), "--orders-user",
				target.orders().username(), "--orders-password", target.orders().password(),
				"--inventory-url=" + target.inventory().jdbcUrl(), "--inventory-user=" + target.inventory().username(),
				"--inventory-password=" + target.inventory().password(), "--bootstrap-servers=127.0.0.1:1",
				"--kafka-timeout=1s" }, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(AuditCommand.NOT_RUN);
		assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("waybill audit could not run: Could not list the "
				+ "topics of Kafka at 127.0.0.1:1 within 1s: is the broker running?" + System.lineSeparator());
	}

	private AuditReport assertOnlyFailure(String check, String offender) {
		AuditReport report = Auditor.audit(this.system.target());
		assertThat(report.failedChecks()).as(report.toText()).containsExactly(check);
		assertThat(report.check(check).orElseThrow().findings()).extracting(Finding::id).contains(offender);
		return report;
	}

	private String productAggregate(String sku) {
		return this.system.target().topicPrefix() + "product/" + sku;
	}

	private static Map<String, Integer> lines(Object... skusAndQuantities) {
		Map<String, Integer> lines = new LinkedHashMap<>();
		for (int i = 0; i < skusAndQuantities.length; i += 2) {
			lines.put((String) skusAndQuantities[i], (Integer) skusAndQuantities[i + 1]);
		}
		return lines;
	}

}
