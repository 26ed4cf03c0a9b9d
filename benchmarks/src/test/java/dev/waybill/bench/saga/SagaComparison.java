package dev.waybill.bench.saga;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.waybill.bench.BenchmarkJvm;
import dev.waybill.relay.RelayProcess;

/**
 * The saga benchmark twice in one command, on the same build: first with a baseline of
 * settings given as environment variables (which the demo's processes inherit), then with
 * the defaults, each side on a stack of its own, so that before and after are measured
 * back to back on the same machine. Arguments: seconds per fixed-rate phase, seconds per
 * step, then the baseline's {@code NAME=value} variables, such as
 * {@code WAYBILL_OUTBOX_KAFKA_BATCH_SHAREDTRANSACTION=false}.
 */
public final class SagaComparison {

	private SagaComparison() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkJvm.requireDefaults();
		if (args.length < 3) {
			throw new IllegalArgumentException(
					"Usage: SagaComparison <fixed seconds> <step seconds> NAME=value... (the baseline's settings)");
		}
		Map<String, String> baseline = new LinkedHashMap<>();
		for (String setting : List.of(args).subList(2, args.length)) {
			int equals = setting.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("Expected NAME=value, got '" + setting + "'");
			}
			baseline.put(setting.substring(0, equals), setting.substring(equals + 1));
		}
		int status = side("baseline " + baseline, baseline, args[0], args[1]);
		if (status == 0) {
			status = side("defaults", Map.of(), args[0], args[1]);
		}
		System.exit(status);
	}

	private static int side(String name, Map<String, String> environment, String fixed, String step) throws Exception {
		System.out.printf("%n===== side: %s, starting %s =====%n", name, Instant.now());
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				RelayProcess.classPathEntries()
					.stream()
					.map(Path::toString)
					.collect(Collectors.joining(File.pathSeparator)),
				SagaBenchmark.class.getName(), fixed, step));
		ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
		builder.environment().putAll(environment);
		long started = System.nanoTime();
		int status = builder.start().waitFor();
		System.out.printf("===== side: %s, exit %d after %s =====%n", name, status,
				Duration.ofNanos(System.nanoTime() - started).withNanos(0));
		return status;
	}

}
