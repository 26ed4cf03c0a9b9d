package dev.waybill.demo.launch;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ComponentsTests {

	private final Components components = new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS,
			Capture.LOG);

	@Test
	void startsTheStackBeforeTheServicesAndTheRelayLast() {
		assertThat(this.components.all()).extracting(Component::name)
			.containsExactly("postgres", "kafka", "inventory-service", "order-service", "relay");
	}

	@Test
	void configuresTheRelayWithBothSourceDatabases() {
		assertThat(this.components.named("relay").environment())
			.containsEntry("WAYBILL_RELAY_SOURCES_0_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/orders")
			.containsEntry("WAYBILL_RELAY_SOURCES_1_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/inventory");
	}

	@Test
	void setsLogCaptureOnTheRelayByDefault() {
		assertThat(this.components.named("relay").environment()).containsEntry("WAYBILL_RELAY_CAPTURE", "LOG");
	}

	@Test
	void setsPollingCaptureOnTheRelayOnlySinceTheServicesReadItFromTheirDatabases() {
		Components polling = new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS, Capture.POLLING);
		assertThat(polling.named("relay").environment()).containsEntry("WAYBILL_RELAY_CAPTURE", "POLLING");
		assertThat(polling.named("order-service").environment()).doesNotContainKey("WAYBILL_OUTBOX_CAPTURE");
		assertThat(polling.named("postgres").environment()).isEmpty();
	}

	@Test
	void namesAnUnknownComponentAndListsTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.components.named("zookeeper"))
			.withMessageContaining("zookeeper")
			.withMessageContaining("order-service");
	}

	@Test
	void refusesToStartAComponentWhoseJarWasNotBuiltAndSaysHowToBuildIt() {
		Supervisor supervisor = new Supervisor(Path.of("/tmp/waybill-demo-tests"), new Health());
		assertThatIllegalStateException().isThrownBy(() -> supervisor.start(this.components.named("relay")))
			.withMessageContaining("mvn -B -DskipTests package");
	}

}
