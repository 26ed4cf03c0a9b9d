package dev.waybill.relay.capture;

import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureHealthIndicatorTests {

	@Test
	void aFailureTheRelayWrapsIsDescribedWithTheCauseThatSaysWhatToFix() {
		IllegalStateException wrapped = new IllegalStateException("Source 'orders': publishing failed",
				new IllegalStateException("send failed", new TopicAuthorizationException("Not authorized")));

		assertThat(CaptureHealthIndicator.describe(wrapped))
			.isEqualTo("Source 'orders': publishing failed; caused by TopicAuthorizationException: Not authorized");
	}

	@Test
	void aFailureWithoutACauseIsDescribedByItsOwnMessage() {
		assertThat(CaptureHealthIndicator.describe(new IllegalStateException("broker gone"))).isEqualTo("broker gone");
	}

}
