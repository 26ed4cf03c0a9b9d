package dev.waybill.relay.capture;

import java.util.List;

import dev.waybill.outbox.OutboxCapture;
import dev.waybill.relay.RelayProperties.Source;
import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.publish.Publisher;
import dev.waybill.relay.publish.RowPublisher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Checks the broker, every source and the replication of the topics the relay writes,
 * then wires one capture per source, reading the write-ahead log or polling as
 * configured. The checks run while the context is built, so a misconfigured relay does
 * not start at all.
 */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

	@Bean
	CaptureLifecycle captureLifecycle(RelayProperties relay, MeterRegistry registry) {
		relay.sources().forEach((source) -> checkDebeziumSettings(source, relay));
		Preflight.checkBroker(relay.bootstrapServers(), relay.producer().requestTimeout());
		relay.sources().forEach((source) -> Preflight.checkSource(source, relay.capture()));
		OffsetsTopic.ensure(relay.bootstrapServers(), relay.offsetsTopic());
		TopicReplication.check(relay);
		List<SourceCapture> captures = relay.sources()
			.stream()
			.map((source) -> new SourceCapture(source, relay, runs(source, relay, registry)))
			.toList();
		return new CaptureLifecycle(captures);
	}

	private static void checkDebeziumSettings(Source source, RelayProperties relay) {
		if (relay.capture() == OutboxCapture.POLLING && !source.debezium().isEmpty()) {
			throw new IllegalArgumentException("waybill.relay.sources[" + source.name() + "].debezium."
					+ source.debezium().keySet().iterator().next() + " configures Debezium, which reads the log:"
					+ " waybill.relay.capture=POLLING does not use it");
		}
		EngineConfiguration.of(source, relay);
	}

	// each run gets a new producer: a failed one cannot be reused
	private static Run.Factory runs(Source source, RelayProperties relay, MeterRegistry registry) {
		if (relay.capture() == OutboxCapture.POLLING) {
			return (onFailure) -> new PollingRun(source, relay, RowPublisher.create(source, relay, registry),
					onFailure);
		}
		LogBoundary boundary = new LogBoundary(source, relay, () -> RowPublisher.create(source, relay, registry));
		return (onFailure) -> new EngineRun(source, relay, Publisher.create(source, relay, registry), boundary,
				onFailure);
	}

	@Bean
	CaptureHealthIndicator relayHealthIndicator(CaptureLifecycle lifecycle, RelayProperties relay) {
		return new CaptureHealthIndicator(lifecycle.captures(), relay.capture(), relay.slotRetentionWarning());
	}

}
