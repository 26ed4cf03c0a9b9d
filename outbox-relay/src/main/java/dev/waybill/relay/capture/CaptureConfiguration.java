package dev.waybill.relay.capture;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.capture.log.LogCapture;
import dev.waybill.relay.capture.polling.PollingCapture;
import dev.waybill.relay.publish.ProducerSettings;
import dev.waybill.relay.publish.Publishers;
import dev.waybill.relay.publish.Topics;
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
		Publishers publishers = Publishers.kafka(producerSettings(relay),
				new Topics(relay.topicPrefix(), relay.deadLetterTopic(), relay.offsetsTopic()), registry);
		Capture capture = (relay.capture() == OutboxCapture.POLLING) ? new PollingCapture(relay, publishers)
				: new LogCapture(relay, publishers);
		return new CaptureLifecycle(relay, capture);
	}

	private static ProducerSettings producerSettings(RelayProperties relay) {
		return new ProducerSettings(relay.bootstrapServers(), relay.delivery() == Delivery.EXACTLY_ONCE,
				relay.transactionTimeout(), relay.producer().deliveryTimeout(), relay.producer().requestTimeout(),
				relay.producer().maxBlock(), RelayProperties.LINGER);
	}

	@Bean
	CaptureHealthIndicator relayHealthIndicator(CaptureLifecycle lifecycle, RelayProperties relay) {
		return new CaptureHealthIndicator(lifecycle.captures(), relay.capture(), relay.slotRetentionWarning());
	}

}
