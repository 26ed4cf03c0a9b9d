package dev.waybill.demo.launch;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A capture asked for: by {@code --capture}, or by the relay's variable in the launcher's
 * environment, which the launcher passes on to the relay. The services need not be told:
 * the relay records its capture in their databases, and their cleanup reads it there. An
 * option that contradicts the variable is refused rather than one silently winning.
 *
 * @param capture the capture
 * @param source where it was asked for ({@code --capture=polling},
 * {@code WAYBILL_RELAY_CAPTURE=POLLING}), for messages
 */
public record CaptureRequest(Capture capture, String source) {

	/** The relay's {@code waybill.relay.capture}. */
	public static final String RELAY_VARIABLE = "WAYBILL_RELAY_CAPTURE";

	/**
	 * @param option the value of {@code --capture}, or {@code null} when not given
	 * @param environment the launcher's environment
	 * @return the capture asked for, or empty when nothing asks for one
	 * @throws IllegalArgumentException for an unknown value or a contradiction
	 */
	public static Optional<CaptureRequest> of(@Nullable String option, Map<String, String> environment) {
		Optional<CaptureRequest> variable = variable(RELAY_VARIABLE, environment);
		if (option == null) {
			return variable;
		}
		CaptureRequest requested = new CaptureRequest(Capture.parse(option, "--capture"), "--capture=" + option.trim());
		variable.ifPresent((relay) -> requireSame(requested, relay,
				"unset the variable (the launcher sets it on the relay) or give the same capture"));
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
