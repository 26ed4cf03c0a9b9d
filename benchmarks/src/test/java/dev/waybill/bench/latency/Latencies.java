package dev.waybill.bench.latency;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, exact (nearest rank over every sample).
 *
 * @param count the samples
 * @param p50 the median, ms
 * @param p95 the 95th percentile, ms
 * @param p99 the 99th percentile, ms
 * @param max the largest, ms
 * @param negative samples below zero: an event received before its writer saw the commit
 * return (a writer thread descheduled between the two); counted, not hidden
 */
public record Latencies(int count, double p50, double p95, double p99, double max, int negative) {

	/**
	 * @param millis the samples, in any order; sorted in place
	 * @return their percentiles, NaN when there are none
	 */
	public static Latencies of(double[] millis) {
		Arrays.sort(millis);
		int negative = 0;
		while (negative < millis.length && millis[negative] < 0) {
			negative++;
		}
		return new Latencies(millis.length, rank(millis, 0.50), rank(millis, 0.95), rank(millis, 0.99),
				rank(millis, 1.0), negative);
	}

	private static double rank(double[] sorted, double quantile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(quantile * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

}
