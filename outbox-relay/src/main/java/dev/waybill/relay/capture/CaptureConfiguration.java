package dev.waybill.relay.capture;

import java.util.List;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.publish.Publisher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Checks the broker and every source, then wires one capture per source. The checks run
 * while the context is built, so a misconfigured relay does not start at all.
 */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

	@Bean
	CaptureLifecycle captureLifecycle(RelayProperties relay, MeterRegistry registry) {
		Preflight.checkBroker(relay.bootstrapServers());
		relay.sources().forEach(Preflight::checkSource);
		OffsetsTopic.ensure(relay.bootstrapServers(), relay.offsetsTopic());
		List<SourceCapture> captures = relay.sources()
			.stream()
			.map((source) -> new SourceCapture(source, relay, () -> Publisher.create(source, relay, registry)))
			.toList();
		return new CaptureLifecycle(captures);
	}

	@Bean
	CaptureHealthIndicator relayHealthIndicator(CaptureLifecycle lifecycle) {
		return new CaptureHealthIndicator(lifecycle.captures());
	}

}
