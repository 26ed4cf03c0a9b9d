package dev.waybill.stack;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void handsOutDistinctPortsInOneCall() {
		for (int round = 0; round < 200; round++) {
			int[] ports = FreePorts.take(6);
			assertThat(ports).hasSize(6).doesNotHaveDuplicates();
			assertThat(Arrays.stream(ports).min().orElseThrow()).isPositive();
		}
	}

}
