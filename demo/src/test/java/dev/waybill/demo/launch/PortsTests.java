package dev.waybill.demo.launch;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PortsTests {

	@Test
	void defaultsToTheDocumentedPorts() {
		assertThat(Ports.from(Map.of())).isEqualTo(new Ports(5433, 9092, 9093, 8081, 8082, 8083));
	}

	@Test
	void readsPortsFromTheEnvironment() {
		assertThat(Ports.from(Map.of("WAYBILL_ORDER_PORT", "18081")).order()).isEqualTo(18081);
	}

	@Test
	void rejectsAPortThatIsNotOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> Ports.from(Map.of("WAYBILL_KAFKA_PORT", "70000")))
			.withMessageContaining("WAYBILL_KAFKA_PORT");
	}

	@Test
	void givesEachBrokerEveryOtherPortFromTheFirst() {
		Ports ports = Ports.from(Map.of("WAYBILL_KAFKA_PORT", "19092", "WAYBILL_CONTROLLER_PORT", "19093"));
		assertThat(List.of(ports.kafka(1), ports.kafka(2), ports.kafka(3))).containsExactly(19092, 19094, 19096);
		assertThat(List.of(ports.controller(1), ports.controller(2), ports.controller(3))).containsExactly(19093, 19095,
				19097);
	}

	@Test
	void acceptsTheDefaultsForOneAndThreeBrokers() {
		Ports.DEFAULTS.requireDistinct(1);
		Ports.DEFAULTS.requireDistinct(3);
	}

	@Test
	void rejectsABrokerPortThatAnotherComponentWants() {
		Ports ports = Ports.from(Map.of("WAYBILL_CONTROLLER_PORT", "9094"));
		ports.requireDistinct(1);
		assertThatIllegalArgumentException().isThrownBy(() -> ports.requireDistinct(3))
			.withMessageContaining("Port 9094 is wanted by both the controller of kafka-1 (WAYBILL_CONTROLLER_PORT)")
			.withMessageContaining("kafka-2 (WAYBILL_KAFKA_PORT + 2)");
	}

	@Test
	void rejectsABrokerPortBeyondTheLastPort() {
		Ports ports = Ports.from(Map.of("WAYBILL_KAFKA_PORT", "65534"));
		assertThatIllegalArgumentException().isThrownBy(() -> ports.requireDistinct(3))
			.withMessageContaining("Port 65536 for kafka-2");
	}

	@Test
	void acceptsTheDefaultsForFourInstancesOfEachService() {
		Ports.DEFAULTS.requireDistinct(3, Instances.MOST);
	}

	@Test
	void rejectsASecondInstanceOnAPortAnotherComponentWants() {
		Ports ports = Ports.from(Map.of("WAYBILL_RELAY_PORT", "8084"));
		ports.requireDistinct(1, 1);
		assertThatIllegalArgumentException().isThrownBy(() -> ports.requireDistinct(1, 2))
			.withMessageContaining("Port 8084 is wanted by both")
			.withMessageContaining("order-service-2 (WAYBILL_ORDER_PORT + 3)")
			.withMessageContaining("relay-1 (WAYBILL_RELAY_PORT)");
	}

}
