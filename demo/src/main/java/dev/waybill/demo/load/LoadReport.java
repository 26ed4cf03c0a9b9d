package dev.waybill.demo.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * How a load run ended.
 *
 * @param placed orders the service accepted (201)
 * @param failed placement requests that failed (not accepted)
 * @param statuses how many orders ended in each status, as order-service reports them
 * @param latenciesMillis order-to-final-state latency of each order that reached a final
 * state, in milliseconds
 * @param elapsed how long placing took
 */
public record LoadReport(int placed, int failed, Map<String, Integer> statuses, long[] latenciesMillis,
		Duration elapsed) {

	/**
	 * @param percentile between 0 and 100
	 * @return the latency at that percentile (nearest rank), or -1 when none was measured
	 */
	public long latencyPercentile(double percentile) {
		if (this.latenciesMillis.length == 0) {
			return -1;
		}
		long[] sorted = this.latenciesMillis.clone();
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
