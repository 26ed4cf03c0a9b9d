package dev.waybill.bench;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class BenchmarkJvmTests {

	@Test
	void aBenchmarkStartsOnlyInAJvmWithBothCompilersAndTheDefaultCollector() {
		// the build's test JVMs run C1 only and the serial collector; an IDE's may not
		HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		boolean tuned = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) < 4
				|| Boolean.parseBoolean(vm.getVMOption("UseSerialGC").getValue());
		if (tuned) {
			assertThatIllegalStateException().isThrownBy(BenchmarkJvm::requireDefaults)
				.withMessageContaining("MAVEN_OPTS=\"" + BenchmarkJvm.MAVEN_OPTS + "\"");
		}
		else {
			assertThatNoException().isThrownBy(BenchmarkJvm::requireDefaults);
		}
	}

}
