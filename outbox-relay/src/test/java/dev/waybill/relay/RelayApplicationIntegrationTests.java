package dev.waybill.relay;

import java.util.Map;

import dev.waybill.relay.RelayProperties.Capture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's acceptance with its default capture, logical decoding of the write-ahead
 * log.
 */
class RelayApplicationIntegrationTests extends RelayAcceptance {

	@Override
	Capture capture() {
		return Capture.LOG;
	}

	@Override
	void assertLagReported(Map<?, ?> details) {
		assertThat(details.get("lagBytes")).isInstanceOfSatisfying(Long.class,
				(bytes) -> assertThat(bytes).isNotNegative());
	}

}
