package dev.waybill.relay.capture;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A source's leadership as meters: whether this instance leads it
 * ({@code waybill.relay.leader}, 1 or 0), how often it took it over
 * ({@code waybill.relay.takeovers}) and how often it lost it while leading
 * ({@code waybill.relay.leadership.lost}), each tagged with the source.
 */
final class LeadershipMetrics {

	private final Counter takeovers;

	private final Counter lost;

	LeadershipMetrics(MeterRegistry registry, String source, Supplier<SourceLeader.Role> role) {
		Gauge.builder("waybill.relay.leader", () -> (role.get() == SourceLeader.Role.LEADER) ? 1 : 0)
			.description("Whether this relay instance leads the source")
			.tag("source", source)
			.register(registry);
		this.takeovers = Counter.builder("waybill.relay.takeovers")
			.description("Times this relay instance took the source over")
			.tag("source", source)
			.register(registry);
		this.lost = Counter.builder("waybill.relay.leadership.lost")
			.description("Times this relay instance lost the source's leadership while leading it")
			.tag("source", source)
			.register(registry);
	}

	void tookOver() {
		this.takeovers.increment();
	}

	void lost() {
		this.lost.increment();
	}

}
