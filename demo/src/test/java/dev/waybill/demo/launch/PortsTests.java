package dev.waybill.demo.launch;

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

}
