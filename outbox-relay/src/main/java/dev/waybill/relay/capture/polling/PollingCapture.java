package dev.waybill.relay.capture.polling;

import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import dev.waybill.relay.Source;
import dev.waybill.relay.capture.Capture;
import dev.waybill.relay.capture.Preflight;
import dev.waybill.relay.capture.Run;
import dev.waybill.relay.publish.Publishers;

/**
 * Polling capture, where logical replication is not allowed: a poller per source, under
 * the source's advisory lock, reads unpublished rows in sequence, publishes them and
 * marks them published ({@link PollingRun}).
 */
final class PollingCapture implements Capture {

	private final PollingSettings settings;

	private final Publishers publishers;

	/**
	 * @param settings polling capture's settings
	 * @param publishers makes each run's publisher
	 */
	PollingCapture(PollingSettings settings, Publishers publishers) {
		this.settings = settings;
		this.publishers = publishers;
	}

	@Override
	public void check(Source source) {
		if (!source.debezium().isEmpty()) {
			throw new IllegalArgumentException("waybill.relay.sources[" + source.name() + "].debezium."
					+ source.debezium().keySet().iterator().next() + " configures Debezium, which reads the log:"
					+ " waybill.relay.capture=POLLING does not use it");
		}
		Preflight.onSource(source, (jdbc) -> PollingPreflight.check(source, jdbc));
	}

	@Override
	public void fence(Source source) {
		this.publishers.fence(source);
	}

	@Override
	public void evict(Source source) {
		Preflight.onSource(source, (jdbc) -> JdbcPollingSession.evictPoller(source, jdbc));
	}

	@Override
	public Run run(Source source, BooleanSupplier leading, BiConsumer<Run, Throwable> onFailure) {
		return new PollingRun(source, this.settings, this.publishers.create(source, leading), onFailure);
	}

	@Override
	public String describe(Source source) {
		return "by polling " + source.table();
	}

}
