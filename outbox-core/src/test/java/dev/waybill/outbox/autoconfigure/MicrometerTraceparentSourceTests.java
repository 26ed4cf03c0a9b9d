package dev.waybill.outbox.autoconfigure;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTraceContext;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerTraceparentSourceTests {

	private final SimpleTracer tracer = new SimpleTracer();

	private final MicrometerTraceparentSource source = new MicrometerTraceparentSource(this.tracer);

	@Test
	void hasNoTraceparentWithoutACurrentSpan() {
		assertThat(this.source.currentTraceparent()).isNull();
	}

	@Test
	void writesTheCurrentSpanAsAW3cTraceparent() {
		assertThat(traceparentWhileInScope("4bf92f3577b34da6a3ce929d0e0e4736", true))
			.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		assertThat(this.source.currentTraceparent()).isNull();
	}

	@Test
	void marksAnUnsampledSpan() {
		assertThat(traceparentWhileInScope("4bf92f3577b34da6a3ce929d0e0e4736", false)).endsWith("-00");
	}

	@Test
	void padsASixtyFourBitTraceIdToThirtyTwoDigits() {
		assertThat(traceparentWhileInScope("a3ce929d0e0e4736", true))
			.isEqualTo("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	@Test
	void hasNoTraceparentForIdsThatAreNotHexadecimal() {
		assertThat(traceparentWhileInScope("not-a-trace-id", true)).isNull();
	}

	@Test
	void hasNoTraceparentForAllZeroIds() {
		assertThat(traceparentWhileInScope("00000000000000000000000000000000", true)).isNull();
	}

	/**
	 * Reads the traceparent while a span with the given trace id is current; the value is
	 * taken inside the scope, so asserting on it afterwards checks the same thing.
	 */
	private @Nullable String traceparentWhileInScope(String traceId, boolean sampled) {
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span(traceId, "00f067aa0ba902b7", sampled))) {
			return this.source.currentTraceparent();
		}
	}

	private SimpleSpan span(String traceId, String spanId, boolean sampled) {
		SimpleSpan span = this.tracer.nextSpan();
		SimpleTraceContext context = span.context();
		context.setTraceId(traceId);
		context.setSpanId(spanId);
		context.setSampled(sampled);
		return span;
	}

}
