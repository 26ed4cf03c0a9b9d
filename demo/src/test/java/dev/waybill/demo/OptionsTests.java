package dev.waybill.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTests {

	@Test
	void upIsTheDefaultCommand() {
		assertThat(Options.parse(new String[0]).command()).isEqualTo("up");
	}

	@Test
	void readsTheCommandItsArgumentAndItsOptions() {
		Options options = Options.parse(new String[] { "load", "--orders=50", "--rate=2.5", "--fresh" });
		assertThat(options.command()).isEqualTo("load");
		assertThat(options.intValue("orders", 1)).isEqualTo(50);
		assertThat(options.doubleValue("rate", 1)).isEqualTo(2.5);
		assertThat(options.flag("fresh")).isTrue();
		assertThat(Options.parse(new String[] { "restart", "relay" }).requiredArgument()).isEqualTo("relay");
	}

	@Test
	void readsTheCaptureOfUpAndNothingWhenItIsNotGiven() {
		assertThat(Options.parse(new String[] { "up", "--fresh", "--capture=polling" }).value("capture"))
			.isEqualTo("polling");
		assertThat(Options.parse(new String[] { "up" }).value("capture")).isNull();
	}

	@Test
	void asksForTheUsageWithTheUsualFlagsWhereverTheyStand() {
		for (String[] args : new String[][] { { "--help" }, { "-h" }, { "up", "--help" }, { "--fresh", "-help" } }) {
			assertThat(Options.parse(args).command()).as(String.join(" ", args)).isEqualTo("help");
		}
	}

	@Test
	void rejectsAnUnknownOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "load", "--speed=9" }))
			.withMessageContaining("--speed");
	}

	@Test
	void rejectsANumberThatIsNotOne() {
		Options options = Options.parse(new String[] { "load", "--orders=many" });
		assertThatIllegalArgumentException().isThrownBy(() -> options.intValue("orders", 1))
			.withMessageContaining("--orders must be a whole number");
	}

	@Test
	void asksForAComponentWhenOneIsNeeded() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "kill" }).requiredArgument())
			.withMessageContaining("needs a component name");
	}

	@Test
	void readsTheNumberOfBrokersOfUpAndNothingWhenItIsNotGiven() {
		assertThat(Options.parse(new String[] { "up", "--fresh", "--brokers=3" }).brokers()).hasValue(3);
		assertThat(Options.parse(new String[] { "up" }).brokers()).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { "up", "--brokers=three" }).brokers())
			.withMessageContaining("--brokers must be a whole number");
	}

	@Test
	void secureIsAFlagOrTrueOrFalseAndNothingElse() {
		assertThat(Options.parse(new String[] { "up", "--secure" }).secure()).contains(true);
		assertThat(Options.parse(new String[] { "up", "--secure=false" }).secure()).contains(false);
		assertThat(Options.parse(new String[] { "up" }).secure()).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { "up", "--secure=yes" }).secure())
			.withMessage("--secure takes true or false, got 'yes'");
	}

}
