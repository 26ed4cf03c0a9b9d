package dev.waybill.outbox;

import org.jspecify.annotations.Nullable;

/**
 * Supplies the W3C trace context of the current unit of work, so that an event carries
 * its writer's trace to the consumer.
 *
 * <p>
 * With Micrometer Tracing on the class path the auto-configuration provides one that
 * reads the current span; an application on another tracer can provide its own bean.
 */
@FunctionalInterface
public interface TraceparentSource {

	/**
	 * Returns the {@code traceparent} of the current span.
	 * @return a value such as
	 * {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}, or {@code null}
	 * when no span is current
	 */
	@Nullable String currentTraceparent();

	/**
	 * A source for applications without tracing.
	 * @return a source that never has a trace context
	 */
	static TraceparentSource none() {
		return () -> null;
	}

}
