package dev.waybill.demo.load;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadReportTests {

	@Test
	void takesPercentilesByNearestRank() {
		long[] latencies = new long[100];
		for (int i = 0; i < 100; i++) {
			latencies[i] = 100 - i;
		}
		LoadReport report = new LoadReport(100, 0, Map.of(), latencies, Duration.ofSeconds(1));
		assertThat(report.latencyPercentile(50)).isEqualTo(50);
		assertThat(report.latencyPercentile(95)).isEqualTo(95);
		assertThat(report.latencyPercentile(99)).isEqualTo(99);
		assertThat(report.latencyPercentile(100)).isEqualTo(100);
	}

	@Test
	void saysMinusOneWhenNothingWasMeasured() {
		assertThat(new LoadReport(0, 3, Map.of(), new long[0], Duration.ZERO).latencyPercentile(99)).isEqualTo(-1);
	}

	@Test
	void summarisesCountsPerStatus() {
		LoadReport report = new LoadReport(3, 1, Map.of("CONFIRMED", 2, "REJECTED", 1), new long[] { 5, 7, 9 },
				Duration.ofSeconds(2));
		assertThat(report.summary()).contains("confirmed       2").contains("rejected        1").contains("p50 7 ms");
	}

}
