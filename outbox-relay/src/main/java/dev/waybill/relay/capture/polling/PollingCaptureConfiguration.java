package dev.waybill.relay.capture.polling;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.offsets.OffsetsTopic;
import dev.waybill.relay.capture.Capture;
import dev.waybill.relay.publish.Publishers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Polling capture: {@code waybill.relay.capture=POLLING}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "waybill.relay", name = "capture", havingValue = "POLLING")
class PollingCaptureConfiguration {

	@Bean
	Capture pollingCapture(RelayProperties relay, OffsetsTopic offsets, Publishers publishers) {
		return new PollingCapture(PollingSettings.of(relay, offsets), publishers);
	}

}
