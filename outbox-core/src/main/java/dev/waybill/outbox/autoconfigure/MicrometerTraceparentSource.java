package dev.waybill.outbox.autoconfigure;

import java.util.regex.Pattern;

import dev.waybill.outbox.TraceparentSource;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the current Micrometer span as a W3C {@code traceparent}: version {@code 00}, a
 * 32-hex trace id (64-bit ids, as B3 may use, are left-padded with zeros as the W3C
 * specification allows), a 16-hex span id and the sampled flag.
 */
final class MicrometerTraceparentSource implements TraceparentSource {

	private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

	private final Tracer tracer;

	MicrometerTraceparentSource(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public @Nullable String currentTraceparent() {
		Span span = this.tracer.currentSpan();
		if (span == null || span.isNoop()) {
			return null;
		}
		TraceContext context = span.context();
		String traceId = pad(context.traceId(), 32);
		String spanId = pad(context.spanId(), 16);
		if (traceId == null || spanId == null || isZero(traceId) || isZero(spanId)) {
			return null;
		}
		String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
		return "00-" + traceId + "-" + spanId + "-" + flags;
	}

	private static boolean isZero(String id) {
		return id.chars().allMatch((c) -> c == '0');
	}

	private static @Nullable String pad(@Nullable String id, int length) {
		if (id == null || id.isEmpty() || id.length() > length || !HEX.matcher(id).matches()) {
			return null;
		}
		return "0".repeat(length - id.length()) + id;
	}

}
