package dev.waybill.bench.drain;

/**
 * The lines a {@link BenchmarkContender} reports to {@link RelayBenchmark}, marked so
 * that they stand out of the contender's logging.
 */
final class BenchmarkReport {

	static final String MARK = "| ";

	private BenchmarkReport() {
	}

	/**
	 * Prints each line of the text with the mark.
	 * @param text one or more lines
	 */
	static void print(String text) {
		text.lines().forEach((line) -> System.out.println(MARK + line));
	}

}
