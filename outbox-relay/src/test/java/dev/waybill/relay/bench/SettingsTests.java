package dev.waybill.relay.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsTests {

	@Test
	void measuresEveryStrategyAtTheIssuesThreeRatesByDefault() {
		Settings settings = Settings.parse();

		assertThat(settings.rates()).containsExactly(100, 1000, 5000);
		assertThat(settings.strategies()).containsExactly(Strategy.CDC, Strategy.CDC_50MS, Strategy.POLLING,
				Strategy.POLLING_10MS);
		assertThat(settings.warmUp()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.writers()).isEqualTo(8);
		assertThat(settings.fetchWait()).isEqualTo(Duration.ofMillis(500));
		assertThat(settings.jvmWarmUp()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void takesWhatIsGivenAsKeyValueArguments() {
		Settings settings = Settings.parse("rates=1000", "duration=5", "warmup=0", "strategies=cdc, cdc-50ms",
				"writers=4", "drain=12", "fetch-wait=20", "jvm-warmup=0");

		assertThat(settings.rates()).containsExactly(1000);
		assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.warmUp()).isZero();
		assertThat(settings.drain()).isEqualTo(Duration.ofSeconds(12));
		assertThat(settings.writers()).isEqualTo(4);
		assertThat(settings.strategies()).containsExactly(Strategy.CDC, Strategy.CDC_50MS);
		assertThat(settings.fetchWait()).isEqualTo(Duration.ofMillis(20));
		assertThat(settings.jvmWarmUp()).isZero();
	}

	@Test
	void rejectsAnUnknownArgumentWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("rate=100"))
			.withMessageContaining("Unknown argument 'rate=100'")
			.withMessageContaining("rates=100,1000,5000");
	}

	@Test
	void rejectsAnUnknownStrategyNamingTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("strategies=cdc,outbox-poller"))
			.withMessageContaining("'outbox-poller'")
			.withMessageContaining("polling-10ms");
	}

	@Test
	void rejectsARateThatIsNotAPositiveWholeNumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("rates=100,fast"))
			.withMessageContaining("Not a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("rates=0"))
			.withMessageContaining("must be positive");
	}

}
