package dev.waybill.demo.launch;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaptureRequestTests {

	@Test
	void asksForNothingWhenNeitherTheOptionNorTheEnvironmentDoes() {
		assertThat(CaptureRequest.of(null, Map.of("WAYBILL_RELAY_CAPTURE", " "))).isEmpty();
	}

	@Test
	void asksForWhatTheOptionSays() {
		assertThat(CaptureRequest.of("polling", Map.of()))
			.contains(new CaptureRequest(Capture.POLLING, "--capture=polling"));
	}

	@Test
	void rejectsAnUnknownOptionValueNamingTheAllowedOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> CaptureRequest.of("wal", Map.of()))
			.withMessage("--capture must be log or polling, got 'wal'");
	}

	@Test
	void takesTheRelaysVariableAsTheCaptureOfTheWholeSystem() {
		assertThat(CaptureRequest.of(null, Map.of("WAYBILL_RELAY_CAPTURE", "POLLING")))
			.contains(new CaptureRequest(Capture.POLLING, "WAYBILL_RELAY_CAPTURE=POLLING"));
	}

	@Test
	void rejectsAnOptionThatContradictsTheEnvironmentRatherThanOverridingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CaptureRequest.of("log", Map.of("WAYBILL_RELAY_CAPTURE", "POLLING")))
			.withMessageContaining("--capture=log contradicts WAYBILL_RELAY_CAPTURE=POLLING")
			.withMessageContaining("unset the variable");
	}

	@Test
	void acceptsAnOptionTheEnvironmentAgreesWith() {
		assertThat(CaptureRequest.of("polling", Map.of("WAYBILL_RELAY_CAPTURE", "POLLING")))
			.contains(new CaptureRequest(Capture.POLLING, "--capture=polling"));
	}

	@Test
	void rejectsAnUnknownValueInTheEnvironmentNamingTheVariable() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CaptureRequest.of(null, Map.of("WAYBILL_RELAY_CAPTURE", "CDC")))
			.withMessage("WAYBILL_RELAY_CAPTURE must be log or polling, got 'CDC'");
	}

}
