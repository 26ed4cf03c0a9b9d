package dev.waybill.demo.launch;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A capture asked for: by {@code --capture}, or by the variables that select it in the
 * components' environment, which the launcher passes on to them.
 *
 * <p>
 * The launcher sets both variables on the components it starts, so one given alone
 * selects the capture of the whole system. Values that contradict each other are refused
 * rather than one silently winning: a polling relay on services that delete unpublished
 * rows loses events, a log relay on services that keep them never lets the table shrink.
 *
 * @param capture the capture
 * @param source where it was asked for ({@code --capture=polling},
 * {@code WAYBILL_RELAY_CAPTURE=POLLING}), for messages
 */
public record CaptureRequest(Capture capture, String source) {

	/** The relay's {@code waybill.relay.capture}. */
	public static final String RELAY_VARIABLE = "WAYBILL_RELAY_CAPTURE";

	/** The services' {@code waybill.outbox.capture}. */
	public static final String OUTBOX_VARIABLE = "WAYBILL_OUTBOX_CAPTURE";

	/**
	 * @param option the value of {@code --capture}, or {@code null} when not given
	 * @param environment the launcher's environment
	 * @return the capture asked for, or empty when nothing asks for one
	 * @throws IllegalArgumentException for an unknown value or a contradiction
	 */
	public static Optional<CaptureRequest> of(@Nullable String option, Map<String, String> environment) {
		Optional<CaptureRequest> relay = variable(RELAY_VARIABLE, environment);
		Optional<CaptureRequest> outbox = variable(OUTBOX_VARIABLE, environment);
		Optional<CaptureRequest> variables = relay.isPresent() ? relay : outbox;
		if (relay.isPresent() && outbox.isPresent()) {
			requireSame(relay.get(), outbox.get(), "the relay and the services must read the outbox the same way");
		}
		if (option == null) {
			return variables;
		}
		CaptureRequest requested = new CaptureRequest(Capture.parse(option, "--capture"), "--capture=" + option.trim());
		variables.ifPresent((variable) -> requireSame(requested, variable,
				"unset the variable (the launcher sets it on the components) or give the same capture"));
		return Optional.of(requested);
	}

	private static Optional<CaptureRequest> variable(String name, Map<String, String> environment) {
		String value = environment.get(name);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new CaptureRequest(Capture.parse(value, name), name + "=" + value.trim()));
	}

	private static void requireSame(CaptureRequest first, CaptureRequest second, String advice) {
		if (first.capture() != second.capture()) {
			throw new IllegalArgumentException(
					first.source() + " contradicts " + second.source() + " in the environment: " + advice);
		}
	}

}
