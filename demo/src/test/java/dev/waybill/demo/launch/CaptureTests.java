package dev.waybill.demo.launch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaptureTests {

	@Test
	void readsLogAndPollingInAnyCase() {
		assertThat(Capture.parse("log", "--capture")).isEqualTo(Capture.LOG);
		assertThat(Capture.parse("POLLING", "--capture")).isEqualTo(Capture.POLLING);
		assertThat(Capture.parse(" Polling\n", "--capture")).isEqualTo(Capture.POLLING);
	}

	@Test
	void rejectsAnUnknownCaptureNamingTheSettingAndTheAllowedValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Capture.parse("cdc", "--capture"))
			.withMessage("--capture must be log or polling, got 'cdc'");
	}

	@Test
	void spellsEachValueAsTheRelayAndTheServicesDocumentIt() {
		assertThat(Capture.POLLING.relayValue()).isEqualTo("POLLING");
		assertThat(Capture.POLLING.value()).isEqualTo("polling");
		assertThat(Capture.LOG.relayValue()).isEqualTo("LOG");
		assertThat(Capture.LOG.value()).isEqualTo("log");
	}

}
