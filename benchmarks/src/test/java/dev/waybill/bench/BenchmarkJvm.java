package dev.waybill.bench;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM a benchmark runs in, which with {@code exec:java} is Maven's own. The build
 * gives Maven's JVM C1 only and the serial collector ({@code .mvn/jvm.config}), which
 * compile the project faster but would measure something else than the JVM's defaults,
 * the figures in BENCHMARKS.md were taken with; so a benchmark refuses to start in such a
 * JVM and says how to run it.
 */
public final class BenchmarkJvm {

	/** What a benchmark's command puts back: both compilers, the default collector. */
	public static final String MAVEN_OPTS = "-XX:TieredStopAtLevel=4 -XX:-UseSerialGC";

	private BenchmarkJvm() {
	}

	/**
	 * @throws IllegalStateException when this JVM compiles with C1 only or collects with
	 * the serial collector
	 */
	public static void requireDefaults() {
		HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		int level = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
		boolean serial = Boolean.parseBoolean(vm.getVMOption("UseSerialGC").getValue());
		if (level < 4 || serial) {
			throw new IllegalStateException(("This JVM runs with TieredStopAtLevel=%d and UseSerialGC=%s (Maven's JVM "
					+ "gets them from .mvn/jvm.config, for faster builds); a benchmark measures the JVM's defaults. "
					+ "Run it with MAVEN_OPTS=\"%s\"")
				.formatted(level, serial, MAVEN_OPTS));
		}
	}

}
