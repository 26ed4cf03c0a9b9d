package dev.waybill.system.faults;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The suite's knobs, as system properties: the short defaults are what CI runs; the long
 * version raises {@code waybill.faults.orders} (see RELIABILITY.md).
 *
 * @param orders the least number of orders each scenario places (it runs on until its
 * faults are all injected)
 * @param rate orders per second
 * @param cancelShare the share of accepted orders cancelled right away
 * @param repeats how many times each scenario injects its faults, and how many rounds of
 * every fault scenario 4 injects (it runs only when this is more than one)
 * @param seed the seed of the loads and of scenario 4's fault order
 */
record FaultSettings(int orders, double rate, double cancelShare, int repeats, long seed) {

	static FaultSettings fromSystemProperties() {
		int orders = Integer.getInteger("waybill.faults.orders", 60);
		double rate = Double.parseDouble(System.getProperty("waybill.faults.rate", "4"));
		int repeats = Integer.getInteger("waybill.faults.repeats", Math.max(1, orders / 1000));
		String seed = System.getProperty("waybill.faults.seed", "");
		return new FaultSettings(orders, rate, 0.1, repeats,
				seed.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seed.trim()));
	}

	FaultSettings {
		if (orders < 1 || rate <= 0 || repeats < 1) {
			throw new IllegalArgumentException("waybill.faults.orders, .rate and .repeats must be positive");
		}
	}

	String describe() {
		return "orders=%d rate=%.1f/s cancel=%.0f%% repeats=%d seed=%d (replay: -Dwaybill.faults.seed=%d)"
			.formatted(this.orders, this.rate, this.cancelShare * 100, this.repeats, this.seed, this.seed);
	}

}
