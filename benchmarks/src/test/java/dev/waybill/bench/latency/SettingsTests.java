package dev.waybill.bench.latency;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsTests {

	@Test
	void measuresEveryStrategyAtTheIssuesThreeRatesByDefault() {
		Settings settings = Settings.parse();

		assertThat(settings.rates()).containsExactly(100, 1000, 5000);
		assertThat(settings.strategies()).containsExactly(Strategy.CDC, Strategy.named("cdc-50ms"), Strategy.POLLING,
				Strategy.named("polling-10ms"));
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
		assertThat(settings.strategies()).containsExactly(Strategy.CDC, Strategy.named("cdc-50ms"));
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
	void namesAnIntervalForEitherCaptureAsTheRelaySettingThatSetsIt() {
		assertThat(Strategy.named("cdc-5ms").properties()).containsExactly("waybill.relay.poll-interval=5ms");
		assertThat(Strategy.named("cdc-5ms").readsWal()).isTrue();
		assertThat(Strategy.named("polling-250ms").properties())
			.containsExactly("waybill.relay.polling.interval=250ms");
		assertThat(Strategy.named("polling-250ms").polls()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> Strategy.named("cdc-0ms"))
			.withMessageContaining("'cdc-0ms'");
	}

	@Test
	void namesALingerForLogCaptureAsTheRelaySettingThatSetsIt() {
		assertThat(Strategy.named("cdc-linger-0ms").properties()).containsExactly("waybill.relay.linger=0ms");
		assertThat(Strategy.named("cdc-linger-20ms").readsWal()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> Strategy.named("polling-linger-20ms"))
			.withMessageContaining("cdc-linger-0ms");
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
