package dev.waybill.stack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackLauncherTests {

	@Test
	void defaultsToTheDemoPorts() {
		StackSettings settings = StackLauncher.parse(new String[0]);
		assertThat(settings.postgresPort()).isEqualTo(5433);
		assertThat(settings.kafkaPort()).isEqualTo(9092);
		assertThat(settings.directory()).isEqualTo(Path.of("run/stack"));
	}

	@Test
	void readsEveryOption() {
		StackSettings settings = StackLauncher
			.parse(new String[] { "--dir=/tmp/s", "--postgres-port=1", "--kafka-port=2", "--controller-port=3" });
		assertThat(settings).isEqualTo(new StackSettings(Path.of("/tmp/s"), 1, 2, 3));
	}

	@Test
	void rejectsAnUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> StackLauncher.parse(new String[] { "--colour=red" }))
			.withMessageContaining("--colour");
	}

	@Test
	void runsBothServersUnlessToldOtherwise() {
		assertThat(StackLauncher.servers(StackLauncher.options(new String[0]))).containsExactly("postgres", "kafka");
		assertThat(StackLauncher.servers(StackLauncher.options(new String[] { "--servers=kafka" })))
			.containsExactly("kafka");
	}

	@Test
	void rejectsAnUnknownServer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackLauncher.servers(StackLauncher.options(new String[] { "--servers=redis" })))
			.withMessageContaining("redis");
	}

	@Test
	void rejectsAPortThatIsNotANumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackLauncher.parse(new String[] { "--kafka-port=ninety" }))
			.withMessageContaining("--kafka-port");
	}

}
