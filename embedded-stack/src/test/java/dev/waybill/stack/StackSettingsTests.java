package dev.waybill.stack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackSettingsTests {

	@Test
	void rejectsAPortOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StackSettings(Path.of("x"), 0, 9092, 9093))
			.withMessageContaining("postgresPort");
	}

	@Test
	void rejectsPortsThatCollide() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StackSettings(Path.of("x"), 5433, 9092, 9092))
			.withMessageContaining("must differ");
	}

	@Test
	void ephemeralSettingsUseDistinctPortsUnderOneDirectory() {
		StackSettings settings = StackSettings.ephemeral();
		assertThat(settings.postgresDirectory().getParent()).isEqualTo(settings.directory());
		assertThat(settings.kafkaDirectory().getParent()).isEqualTo(settings.directory());
	}

}
