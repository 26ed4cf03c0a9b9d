package dev.waybill.relay;

/**
 * The lines a {@link BenchmarkContender} reports to {@link RelayBenchmark}, marked so
 * that they stand out of the contender's logging.
 */
final class BenchmarkReport {

	static final String MARK = "| ";

	private BenchmarkReport() {
	}

	static void printf(String format, Object... args) {
		for (String line : String.format(format, args).split("\n")) {
			System.out.println(MARK + line);
		}
	}

}
