package dev.waybill.relay.capture;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.capture.log.LogCapture;
import dev.waybill.relay.capture.polling.PollingCapture;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires one capture per source, reading the write-ahead log or polling as configured, and
 * their health. Nothing connects here: the checks and the captures run when the context
 * starts them ({@link CaptureLifecycle}), and a relay whose checks fail does not start.
 */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

	@Bean
	CaptureLifecycle captureLifecycle(RelayProperties relay, MeterRegistry registry) {
		Capture capture = (relay.capture() == OutboxCapture.POLLING) ? new PollingCapture(relay, registry)
				: new LogCapture(relay, registry);
		return new CaptureLifecycle(relay, capture);
	}

	@Bean
	CaptureHealthIndicator relayHealthIndicator(CaptureLifecycle lifecycle, RelayProperties relay) {
		return new CaptureHealthIndicator(lifecycle.captures(), relay.capture(), relay.slotRetentionWarning());
	}

}
