package dev.waybill.relay.capture;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.offsets.OffsetsTopic;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps every source captured by the relay's one {@link Capture}, which the configuration
 * of {@code capture.log} or {@code capture.polling} provides as
 * {@code waybill.relay.capture} says, and reports their health. Nothing connects here:
 * the checks and the captures run when the context starts them
 * ({@link CaptureLifecycle}), and a relay whose checks fail does not start.
 */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

	// the settings first: a value that does not bind is reported as such, before a
	// capture is missing for it
	@Bean
	CaptureLifecycle captureLifecycle(RelayProperties relay, OffsetsTopic offsets, Capture capture,
			MeterRegistry registry) {
		return new CaptureLifecycle(relay, offsets, capture, registry);
	}

	@Bean
	CaptureHealthIndicator relayHealthIndicator(CaptureLifecycle lifecycle, RelayProperties relay) {
		return new CaptureHealthIndicator(lifecycle.leaders(), lifecycle.backlogs(), relay.capture(),
				relay.slotRetentionWarning());
	}

}
