package dev.waybill.demo.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstancesTests {

	@TempDir
	Path runDirectory;

	@Test
	void namesOneInstanceAsBeforeAndSeveralByNumber() {
		assertThat(Instances.SINGLE.names("relay")).containsExactly("relay");
		assertThat(new Instances(3).names("order-service")).containsExactly("order-service-1", "order-service-2",
				"order-service-3");
	}

	@Test
	void refusesNoInstanceAndMoreThanTheMost() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Instances(0))
			.withMessageContaining("--instances must be from 1 to 4");
		assertThatIllegalArgumentException().isThrownBy(() -> new Instances(Instances.MOST + 1))
			.withMessageContaining("got 5");
	}

	@Test
	void remembersHowManyTheLastUpStartedAndCountsOneBeforeAny() {
		assertThat(Instances.startedIn(this.runDirectory)).isEqualTo(Instances.SINGLE);
		new Instances(2).recordIn(this.runDirectory);
		assertThat(Instances.startedIn(this.runDirectory)).isEqualTo(new Instances(2));
	}

	@Test
	void saysWhatTheRecordHoldsWhenItIsNotANumberOfInstances() throws IOException {
		Files.writeString(this.runDirectory.resolve("instances"), "two\n");
		assertThatIllegalArgumentException().isThrownBy(() -> Instances.startedIn(this.runDirectory))
			.withMessageContaining("instances does not hold a number of instances")
			.withMessageContaining("'two'");
	}

}
