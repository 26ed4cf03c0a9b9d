package dev.waybill.bench;

/**
 * What a relay started by a benchmark needs beside its own settings. The benchmarks'
 * classpath holds HikariCP, for the writer's overhead benchmark, and with a pool on the
 * classpath Spring Boot configures a {@code DataSource} for the relay, which has none (it
 * connects to each source itself) and would fail for want of a URL. The relay's
 * {@code application.properties} sets the same property, for an exclusion of its own that
 * this one repeats, so the setting must outrank that file.
 */
public final class BenchmarkRelay {

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	private static final String EXCLUDED = "org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration,"
			+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

	/**
	 * For a relay in a process of its own, whose command-line settings outrank the file.
	 */
	public static final String NO_DATA_SOURCE = EXCLUDE + "=" + EXCLUDED;

	private BenchmarkRelay() {
	}

	/**
	 * For relays started in this JVM, whose settings are defaults that the file outranks:
	 * a system property outranks it.
	 */
	public static void excludeDataSourceInThisJvm() {
		System.setProperty(EXCLUDE, EXCLUDED);
	}

}
