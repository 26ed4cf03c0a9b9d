package dev.waybill.relay.capture.log;

import java.util.function.BiConsumer;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Source;
import dev.waybill.relay.capture.Capture;
import dev.waybill.relay.capture.Preflight;
import dev.waybill.relay.capture.Run;
import dev.waybill.relay.publish.Publisher;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Log capture: a Debezium engine per source streams the outbox inserts from the source's
 * replication slot, once the source's boundary holds ({@link LogBoundary}).
 */
public final class LogCapture implements Capture {

	private final RelayProperties relay;

	private final MeterRegistry registry;

	/**
	 * @param relay the relay's settings
	 * @param registry where publishing records its metrics
	 */
	public LogCapture(RelayProperties relay, MeterRegistry registry) {
		this.relay = relay;
		this.registry = registry;
	}

	@Override
	public void check(Source source) {
		// the source's Debezium settings are refused before anything connects
		EngineConfiguration.of(source, this.relay);
		Preflight.onSource(source, (jdbc) -> LogPreflight.check(source, jdbc));
	}

	@Override
	public void fence(Source source) {
		Publisher.fence(source, this.relay);
	}

	@Override
	public Run run(Source source, BiConsumer<Run, Throwable> onFailure) {
		LogBoundary boundary = new LogBoundary(source, this.relay,
				() -> Publisher.create(source, this.relay, this.registry));
		return new EngineRun(source, this.relay, Publisher.create(source, this.relay, this.registry), boundary,
				onFailure);
	}

	@Override
	public String describe(Source source) {
		return "from slot '" + source.slot() + "'";
	}

}
