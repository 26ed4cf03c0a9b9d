package dev.waybill.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A parsed command line: a command, at most one argument, and {@code --name[=value]}
 * options.
 *
 * @param command the command
 * @param arguments the positional arguments after it
 * @param values the options
 */
record Options(String command, List<String> arguments, Map<String, String> values) {

	private static final Set<String> KNOWN = Set.of("fresh", "capture", "orders", "rate", "concurrency", "cancel-ratio",
			"from-beginning", "brokers", "instances", "secure");

	// what people type for usage, wherever it stands
	private static final Set<String> HELP = Set.of("--help", "-h", "-help");

	static Options parse(String[] args) {
		String command = "up";
		List<String> arguments = new ArrayList<>();
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (HELP.contains(arg)) {
				return new Options("help", List.of(), Map.of());
			}
			if (arg.startsWith("--")) {
				String[] pair = arg.substring(2).split("=", 2);
				if (!KNOWN.contains(pair[0])) {
					throw new IllegalArgumentException("Unknown option --" + pair[0] + "\n" + Demo.USAGE);
				}
				values.put(pair[0], pair.length > 1 ? pair[1] : "true");
			}
			else if (i == 0) {
				command = arg;
			}
			else {
				arguments.add(arg);
			}
		}
		return new Options(command, arguments, values);
	}

	Optional<String> argument() {
		return this.arguments.stream().findFirst();
	}

	String requiredArgument() {
		return argument().orElseThrow(() -> new IllegalArgumentException(
				"'" + this.command + "' needs a component name: " + Demo.components()));
	}

	@Nullable String value(String name) {
		return this.values.get(name);
	}

	boolean flag(String name) {
		return Boolean.parseBoolean(this.values.getOrDefault(name, "false"));
	}

	int intValue(String name, int fallback) {
		return parsed(name, fallback, Integer::valueOf, "a whole number");
	}

	/**
	 * @return the number of brokers {@code --brokers} asks for, if given
	 */
	OptionalInt brokers() {
		return this.values.containsKey("brokers") ? OptionalInt.of(intValue("brokers", 1)) : OptionalInt.empty();
	}

	/**
	 * @return whether {@code --secure} asks for secured connections ({@code --secure} or
	 * {@code --secure=true}) or for plain ones ({@code --secure=false}), if given
	 */
	Optional<Boolean> secure() {
		String value = this.values.get("secure");
		if (value == null) {
			return Optional.empty();
		}
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("--secure takes true or false, got '" + value + "'");
		}
		return Optional.of(Boolean.parseBoolean(value));
	}

	double doubleValue(String name, double fallback) {
		return parsed(name, fallback, Double::valueOf, "a number");
	}

	private <T> T parsed(String name, T fallback, Function<String, T> parser, String kind) {
		String value = this.values.get(name);
		try {
			return (value != null) ? parser.apply(value) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be " + kind + ", got '" + value + "'");
		}
	}

}
