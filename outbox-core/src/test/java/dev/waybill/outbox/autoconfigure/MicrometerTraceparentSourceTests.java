package dev.waybill.outbox.autoconfigure;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTraceContext;
import io.micrometer.tracing.test.simple.SimpleTracer;
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
		SimpleSpan span = span("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			assertThat(this.source.currentTraceparent())
				.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		}
		assertThat(this.source.currentTraceparent()).isNull();
	}

	@Test
	void marksAnUnsampledSpan() {
		SimpleSpan span = span("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			assertThat(this.source.currentTraceparent()).endsWith("-00");
		}
	}

	@Test
	void padsASixtyFourBitTraceIdToThirtyTwoDigits() {
		SimpleSpan span = span("a3ce929d0e0e4736", "00f067aa0ba902b7", true);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			assertThat(this.source.currentTraceparent())
				.isEqualTo("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01");
		}
	}

	@Test
	void hasNoTraceparentForIdsThatAreNotHexadecimal() {
		SimpleSpan span = span("not-a-trace-id", "00f067aa0ba902b7", true);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			assertThat(this.source.currentTraceparent()).isNull();
		}
	}

	@Test
	void hasNoTraceparentForAllZeroIds() {
		SimpleSpan span = span("00000000000000000000000000000000", "00f067aa0ba902b7", true);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			assertThat(this.source.currentTraceparent()).isNull();
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
