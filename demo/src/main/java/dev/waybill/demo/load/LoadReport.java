package dev.waybill.demo.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How a load run ended.
 *
 * @param placed orders the service accepted (201)
 * @param failed placement requests that failed (not accepted)
 * @param statuses how many orders ended in each status, as order-service reports them
 * @param latenciesMillis order-to-final-state latency of each order that reached a final
 * state, in milliseconds
 * @param elapsed how long placing took
 * @param sentAtMillis for each entry of {@code latenciesMillis}, when its order was sent,
 * in milliseconds since placing started: what windowed percentiles select on
 */
// arrays, not lists: a long run holds hundreds of thousands of latencies
@SuppressWarnings("ArrayRecordComponent")
public record LoadReport(int placed, int failed, Map<String, Integer> statuses, long[] latenciesMillis,
		Duration elapsed, long[] sentAtMillis) {

	/**
	 * Validates that each latency has its send time.
	 */
	public LoadReport {
		if (sentAtMillis.length != latenciesMillis.length) {
			throw new IllegalArgumentException("sentAtMillis has " + sentAtMillis.length + " entries for "
					+ latenciesMillis.length + " latencies");
		}
	}

	/**
	 * A report without send times: every order counts as sent when placing started.
	 * @param placed orders the service accepted (201)
	 * @param failed placement requests that failed
	 * @param statuses how many orders ended in each status
	 * @param latenciesMillis order-to-final-state latencies in milliseconds
	 * @param elapsed how long placing took
	 */
	public LoadReport(int placed, int failed, Map<String, Integer> statuses, long[] latenciesMillis, Duration elapsed) {
		this(placed, failed, statuses, latenciesMillis, elapsed, new long[latenciesMillis.length]);
	}

	/**
	 * @param percentile between 0 and 100
	 * @return the latency at that percentile (nearest rank), or -1 when none was measured
	 */
	public long latencyPercentile(double percentile) {
		return percentile(this.latenciesMillis.clone(), percentile);
	}

	/**
	 * The latency percentile of the orders sent in a window of the run, to tell a steady
	 * latency from one that grows while the load lasts.
	 * @param percentile between 0 and 100
	 * @param from the window's start, since placing started (inclusive)
	 * @param to the window's end, since placing started (exclusive)
	 * @return the latency at that percentile (nearest rank), or -1 when no order of the
	 * window reached a final state
	 */
	public long latencyPercentile(double percentile, Duration from, Duration to) {
		long start = from.toMillis();
		long end = to.toMillis();
		long[] window = IntStream.range(0, this.latenciesMillis.length)
			.filter((i) -> this.sentAtMillis[i] >= start && this.sentAtMillis[i] < end)
			.mapToLong((i) -> this.latenciesMillis[i])
			.toArray();
		return percentile(window, percentile);
	}

	private static long percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return -1;
		}
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	/**
	 * @param status an order status
	 * @return how many orders ended in it
	 */
	public int count(String status) {
		return this.statuses.getOrDefault(status, 0);
	}

	/**
	 * @return the summary, as printed at the end of a run
	 */
	public String summary() {
		return """
				placed     %6d   (failed requests: %d, in %.1f s)
				confirmed  %6d
				rejected   %6d
				cancelled  %6d
				pending    %6d
				order-to-final-state latency: p50 %d ms, p95 %d ms, p99 %d ms (%d orders measured)
				""".formatted(this.placed, this.failed, this.elapsed.toMillis() / 1000.0, count("CONFIRMED"),
				count("REJECTED"), count("CANCELLED"), count("PENDING"), latencyPercentile(50), latencyPercentile(95),
				latencyPercentile(99), this.latenciesMillis.length);
	}

}
