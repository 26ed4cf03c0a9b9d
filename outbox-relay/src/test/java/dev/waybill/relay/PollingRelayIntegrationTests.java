package dev.waybill.relay;

import java.util.Map;

import dev.waybill.contract.OutboxCapture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same acceptance as {@link RelayApplicationIntegrationTests}, with polling capture:
 * the fallback for databases that cannot grant logical replication must keep the same
 * guarantees.
 */
class PollingRelayIntegrationTests extends RelayAcceptance {

	@Override
	OutboxCapture capture() {
		return OutboxCapture.POLLING;
	}

	@Override
	void assertLagReported(Map<?, ?> details) {
		assertThat(details.get("unpublishedRows")).isInstanceOfSatisfying(Long.class,
				(rows) -> assertThat(rows).isNotNegative());
		assertThat(details.containsKey("lagBytes")).as("lagBytes reported").isFalse();
	}

}
