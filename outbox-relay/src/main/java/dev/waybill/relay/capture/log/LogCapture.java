package dev.waybill.relay.capture.log;

import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import dev.waybill.relay.Source;
import dev.waybill.relay.capture.Capture;
import dev.waybill.relay.capture.Preflight;
import dev.waybill.relay.capture.Run;
import dev.waybill.relay.publish.Publishers;

/**
 * Log capture: a Debezium engine per source streams the outbox inserts from the source's
 * replication slot, once the source's boundary holds ({@link LogBoundary}).
 */
final class LogCapture implements Capture {

	private final LogSettings settings;

	private final Publishers publishers;

	/**
	 * @param settings log capture's settings
	 * @param publishers makes each run's publisher
	 */
	LogCapture(LogSettings settings, Publishers publishers) {
		this.settings = settings;
		this.publishers = publishers;
	}

	@Override
	public void check(Source source) {
		// the source's Debezium settings are refused before anything connects
		EngineConfiguration.of(source, this.settings);
		Preflight.onSource(source, (jdbc) -> LogPreflight.check(source, jdbc));
	}

	@Override
	public void fence(Source source) {
		this.publishers.fence(source);
	}

	@Override
	public void evict(Source source) {
		Preflight.onSource(source, (jdbc) -> ReplicationSlot.evictReader(source, jdbc));
	}

	@Override
	public Run run(Source source, BooleanSupplier leading, BiConsumer<Run, Throwable> onFailure) {
		LogBoundary boundary = new LogBoundary(source, this.settings, () -> this.publishers.create(source, leading));
		return new EngineRun(source, this.settings, this.publishers.create(source, leading), boundary, onFailure);
	}

	@Override
	public String describe(Source source) {
		return "from slot '" + source.slot() + "'";
	}

}
