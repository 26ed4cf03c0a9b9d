package dev.waybill.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

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
	void readsAPasswordFromAFileSoThatItIsInNoProcessListing(@TempDir Path directory) throws IOException {
		Path file = Files.writeString(directory.resolve("password"), "from-a-file\n");
		AuditArguments arguments = AuditArguments.parse("--orders-password-file=" + file);
		assertThat(arguments.target().orders().password()).isEqualTo("from-a-file");
		assertThat(arguments.target().inventory().password()).isEqualTo("inventory");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditArguments.parse("--orders-password-file=" + file, "--orders-password=x"))
			.withMessage("Give --orders-password or --orders-password-file, not both");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditArguments.parse("--inventory-password-file=" + directory.resolve("missing")))
			.withMessageStartingWith("Cannot read --inventory-password-file " + directory.resolve("missing"));
	}

	@Test
	void readsShortAndIsoDurations() {
		assertThat(AuditArguments.duration("--x", "250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(AuditArguments.duration("--x", "5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(AuditArguments.duration("--x", "2h")).isEqualTo(Duration.ofHours(2));
		assertThat(AuditArguments.duration("--x", "1d")).isEqualTo(Duration.ofDays(1));
		assertThat(AuditArguments.duration("--x", "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
	}

	@ParameterizedTest(name = "rejects {argumentSetName}")
	@MethodSource
	void rejectsWhatItCannotUseAndSaysWhy(String[] arguments, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse(arguments)).withMessage(message);
	}

	static Stream<Arguments> rejectsWhatItCannotUseAndSaysWhy() {
		return Stream.of(
				argumentSet("an unknown argument", arguments("--order-url=x"), "Unknown argument '--order-url=x'"),
				argumentSet("an option without its value", arguments("--bootstrap-servers"),
						"Option --bootstrap-servers needs a value"),
				argumentSet("an option given twice", arguments("--orders-user=a", "--orders-user=b"),
						"Option --orders-user is given twice"),
				argumentSet("a duration it cannot read", arguments("--max-pending-age=soon"),
						"--max-pending-age 'soon' is not a duration such as 90s, 5m, 2h or PT5M"),
				argumentSet("a Kafka timeout too short for the clients", arguments("--kafka-timeout=0s"),
						"kafkaTimeout must be from 1ms to 24d, was PT0S"),
				argumentSet("a Kafka timeout too long for the clients", arguments("--kafka-timeout=25d"),
						"kafkaTimeout must be from 1ms to 24d, was PT600H"),
				argumentSet("a blank topic prefix", arguments("--topic-prefix="), "topicPrefix must not be blank"));
	}

	// these messages end with the value given; the rule they name is what matters
	@ParameterizedTest(name = "rejects {argumentSetName}")
	@MethodSource
	void rejectsWhatItCannotUseAndNamesTheRule(String[] arguments, String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditArguments.parse(arguments))
			.withMessageContaining(rule);
	}

	static Stream<Arguments> rejectsWhatItCannotUseAndNamesTheRule() {
		return Stream.of(
				argumentSet("a negative maximum age", arguments("--max-pending-age=-PT1M"),
						"maxPendingAge must not be negative"),
				argumentSet("a database URL that is not PostgreSQL",
						arguments("--inventory-url=jdbc:mysql://db/inventory"), "must start with jdbc:postgresql://"));
	}

	private static String[] arguments(String... arguments) {
		return arguments;
	}

}
