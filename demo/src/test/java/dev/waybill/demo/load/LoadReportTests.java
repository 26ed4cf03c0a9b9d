package dev.waybill.demo.load;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadReportTests {

	@Test
	void takesPercentilesByNearestRank() {
		long[] latencies = new long[100];
		for (int i = 0; i < 100; i++) {
			latencies[i] = 100L - i;
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

	@Test
	void takesPercentilesOfTheOrdersSentInAWindow() {
		long[] latencies = { 10, 20, 30, 400, 500, 600 };
		long[] sentAt = { 0, 100, 999, 1000, 1500, 2000 };
		LoadReport report = new LoadReport(6, 0, Map.of(), latencies, Duration.ofSeconds(2), sentAt);
		assertThat(report.latencyPercentile(99, Duration.ZERO, Duration.ofSeconds(1))).isEqualTo(30);
		assertThat(report.latencyPercentile(50, Duration.ofSeconds(1), Duration.ofSeconds(2))).isEqualTo(400);
		assertThat(report.latencyPercentile(99, Duration.ofSeconds(3), Duration.ofSeconds(4))).isEqualTo(-1);
		assertThat(report.latencyPercentile(100)).isEqualTo(600);
	}

	@Test
	void refusesSendTimesThatDoNotMatchTheLatencies() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoadReport(2, 0, Map.of(), new long[] { 1, 2 }, Duration.ZERO, new long[] { 0 }))
			.withMessageContaining("sentAtMillis has 1 entries for 2 latencies");
	}

}
