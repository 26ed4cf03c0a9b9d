package dev.waybill.bench.latency;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTests {

	@Test
	void takesPercentilesByNearestRankOverEverySample() {
		// 100 samples 100, 99, ..., 1 ms: the p-th percentile is p ms
		double[] samples = IntStream.rangeClosed(1, 100).mapToDouble((i) -> 101 - i).toArray();

		Latencies latencies = Latencies.of(samples);

		assertThat(latencies.count()).isEqualTo(100);
		assertThat(latencies.p50()).isEqualTo(50);
		assertThat(latencies.p95()).isEqualTo(95);
		assertThat(latencies.p99()).isEqualTo(99);
		assertThat(latencies.max()).isEqualTo(100);
		assertThat(latencies.negative()).isZero();
	}

	@Test
	void roundsARankUpSoThatASingleSlowSampleShowsInTheTail() {
		Latencies latencies = Latencies
			.of(new double[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 900 });

		assertThat(latencies.p50()).isEqualTo(1);
		assertThat(latencies.p95()).isEqualTo(1);
		assertThat(latencies.p99()).isEqualTo(900);
	}

	@Test
	void countsSamplesBelowZeroInsteadOfHidingThem() {
		Latencies latencies = Latencies.of(new double[] { 3, -0.2, 5, -0.1 });

		assertThat(latencies.negative()).isEqualTo(2);
		assertThat(latencies.p50()).isEqualTo(-0.1);
	}

	@Test
	void reportsNoPercentileWithoutSamples() {
		Latencies latencies = Latencies.of(new double[0]);

		assertThat(latencies.count()).isZero();
		assertThat(latencies.p50()).isNaN();
		assertThat(latencies.max()).isNaN();
	}

}
