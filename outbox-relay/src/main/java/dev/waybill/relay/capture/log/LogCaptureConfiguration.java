package dev.waybill.relay.capture.log;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.offsets.OffsetsTopic;
import dev.waybill.relay.capture.Capture;
import dev.waybill.relay.publish.Publishers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Log capture, the default: {@code waybill.relay.capture=LOG}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "waybill.relay", name = "capture", havingValue = "LOG", matchIfMissing = true)
class LogCaptureConfiguration {

	@Bean
	Capture logCapture(RelayProperties relay, OffsetsTopic offsets, Publishers publishers) {
		return new LogCapture(LogSettings.of(relay, offsets), publishers);
	}

}
