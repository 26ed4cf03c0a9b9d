package dev.waybill.audit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuditArgumentsTests {

	@Test
	void defaultsToTheDemosSystem() {
		AuditArguments arguments = AuditArguments.parse();
		assertThat(arguments.target()).isEqualTo(AuditTarget.demo());
		assertThat(arguments.target().orders().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/orders");
		assertThat(arguments.target().inventory().username()).isEqualTo("inventory");
		assertThat(arguments.target().bootstrapServers()).isEqualTo("127.0.0.1:9092");
		assertThat(arguments.target().kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(arguments.settle()).isZero();
		assertThat(arguments.json()).isFalse();
		assertThat(arguments.help()).isFalse();
	}

	@Test
	void readsOptionsWithSpacesOrEqualsSigns() {
		AuditArguments arguments = AuditArguments.parse("--orders-url", "jdbc:postgresql://db:5432/o",
				"--inventory-password=secret", "--topic-prefix=events.", "--max-pending-age", "90s", "--settle=1m",
				"--kafka-timeout=500ms", "--json");
		assertThat(arguments.target().orders().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/o");
		assertThat(arguments.target().inventory().password()).isEqualTo("secret");
		assertThat(arguments.target().topicPrefix()).isEqualTo("events.");
		assertThat(arguments.target().maxPendingAge()).isEqualTo(Duration.ofSeconds(90));
		assertThat(arguments.settle()).isEqualTo(Duration.ofMinutes(1));
		assertThat(arguments.target().kafkaTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(arguments.json()).isTrue();
	}

	@Test
	void readsShortAndIsoDurations() {
		assertThat(AuditArguments.duration("--x", "250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(AuditArguments.duration("--x", "5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(AuditArguments.duration("--x", "2h")).isEqualTo(Duration.ofHours(2));
		assertThat(AuditArguments.duration("--x", "1d")).isEqualTo(Duration.ofDays(1));
		assertThat(AuditArguments.duration("--x", "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void rejectsAnUnknownArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse("--order-url=x"))
			.withMessage("Unknown argument '--order-url=x'");
	}

	@Test
	void rejectsAnOptionWithoutItsValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse("--bootstrap-servers"))
			.withMessage("Option --bootstrap-servers needs a value");
	}

	@Test
	void rejectsAnOptionGivenTwice() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditArguments.parse("--orders-user=a", "--orders-user=b"))
			.withMessage("Option --orders-user is given twice");
	}

	@Test
	void rejectsADurationItCannotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse("--max-pending-age=soon"))
			.withMessage("--max-pending-age 'soon' is not a duration such as 90s, 5m, 2h or PT5M");
	}

	@Test
	void rejectsANegativeMaximumAge() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse("--max-pending-age=-PT1M"))
			.withMessageContaining("maxPendingAge must not be negative");
	}

	@Test
	void rejectsAKafkaTimeoutTheClientsCannotTake() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse("--kafka-timeout=0s"))
			.withMessage("kafkaTimeout must be from 1ms to 24d, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse("--kafka-timeout=25d"))
			.withMessage("kafkaTimeout must be from 1ms to 24d, was PT600H");
	}

	@Test
	void rejectsADatabaseUrlThatIsNotPostgresql() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditArguments.parse("--inventory-url=jdbc:mysql://db/inventory"))
			.withMessageContaining("must start with jdbc:postgresql://");
	}

	@Test
	void rejectsABlankTopicPrefix() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse("--topic-prefix="))
			.withMessage("topicPrefix must not be blank");
	}

}
