package dev.waybill.demo.load;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadPlanTests {

	@Test
	void rejectsAPlanWithoutOrders() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LoadPlan(0, 10, 1, 0, Duration.ZERO))
			.withMessageContaining("--orders");
	}

	@Test
	void rejectsANonPositiveRate() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LoadPlan(1, 0, 1, 0, Duration.ZERO))
			.withMessageContaining("--rate");
	}

	@Test
	void rejectsACancelRatioAboveOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LoadPlan(1, 1, 1, 1.5, Duration.ZERO))
			.withMessageContaining("--cancel-ratio");
	}

}
