package dev.waybill.demo.load;

import java.time.Duration;

/**
 * What the load generator does.
 *
 * @param orders how many orders to place
 * @param rate orders per second to aim for
 * @param concurrency how many requests may be in flight
 * @param cancelRatio the share of orders cancelled right after they are placed (0 to 1)
 * @param settle how long to wait, after the last order, for orders to reach a final state
 */
public record LoadPlan(int orders, double rate, int concurrency, double cancelRatio, Duration settle) {

	/**
	 * Validates the plan.
	 */
	public LoadPlan {
		if (orders < 1) {
			throw new IllegalArgumentException("--orders must be at least 1, was " + orders);
		}
		if (!(rate > 0)) {
			throw new IllegalArgumentException("--rate must be above 0, was " + rate);
		}
		if (concurrency < 1 || concurrency > 1000) {
			throw new IllegalArgumentException("--concurrency must be between 1 and 1000, was " + concurrency);
		}
		if (!(cancelRatio >= 0 && cancelRatio <= 1)) {
			throw new IllegalArgumentException("--cancel-ratio must be between 0 and 1, was " + cancelRatio);
		}
	}

}
