package dev.waybill.demo.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LauncherTests {

	private static final Optional<CaptureRequest> LOG = Optional.of(new CaptureRequest(Capture.LOG, "--capture=log"));

	private static final Optional<CaptureRequest> POLLING = Optional
		.of(new CaptureRequest(Capture.POLLING, "--capture=polling"));

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@TempDir
	Path run;

	@Test
	void statusShowsTheCaptureOfTheData() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.POLLING);
		launcher.status();
		assertThat(printed())
			.contains("capture              polling, recorded with the data in " + this.run.resolve("stack"));
	}

	@Test
	void statusSaysWhenThereIsNoDataYet() {
		new Launcher(this.run, this.run, Ports.DEFAULTS, new PrintStream(this.out, true, StandardCharsets.UTF_8))
			.status();
		assertThat(printed()).contains("capture              none yet");
	}

	@Test
	void upRefusesPollingOnLogDataBeforeItStopsOrDeletesAnything() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.LOG);
		assertThatIllegalStateException().isThrownBy(() -> launcher.up(false, POLLING))
			.withMessageContaining("--fresh");
		assertThat(printed()).isEmpty();
		assertThat(Files.readString(this.run.resolve("stack/capture"))).isEqualTo("log\n");
	}

	@Test
	void startAndRestartRefusePollingOnLogDataToo() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.LOG);
		assertThatIllegalStateException().isThrownBy(() -> launcher.start("relay", POLLING))
			.withMessageContaining("written under log capture");
		assertThatIllegalStateException().isThrownBy(() -> launcher.restart("relay", POLLING))
			.withMessageContaining("written under log capture");
		assertThat(printed()).isEmpty();
	}

	private Launcher launcherOnDataWrittenUnder(Capture capture) throws IOException {
		Files.createDirectories(this.run.resolve("stack/postgres"));
		Files.writeString(this.run.resolve("stack/capture"), capture.value() + "\n");
		return new Launcher(this.run, this.run, Ports.DEFAULTS,
				new PrintStream(this.out, true, StandardCharsets.UTF_8));
	}

	private String printed() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void upRefusesAnotherNumberOfBrokersBeforeItStopsOrDeletesAnything() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.LOG);
		assertThatIllegalStateException().isThrownBy(() -> launcher.up(false, LOG, OptionalInt.of(3)))
			.withMessageContaining("--fresh --brokers=3");
		assertThat(printed()).isEmpty();
		assertThat(this.run.resolve("stack/brokers")).doesNotExist();
	}

	@Test
	void upRefusesPortsThatCollideWithThreeBrokersBeforeItStopsAnything() {
		Ports colliding = new Ports(5433, 9092, 9094, 8081, 8082, 8083);
		Launcher launcher = new Launcher(this.run, this.run, colliding,
				new PrintStream(this.out, true, StandardCharsets.UTF_8));
		assertThatIllegalArgumentException().isThrownBy(() -> launcher.up(true, LOG, OptionalInt.of(3)))
			.withMessageContaining("Port 9094");
		assertThat(printed()).isEmpty();
	}

	@Test
	void namesTheBrokersAndListsThemAllForClientsAsTheDataRecordsThem() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.LOG);
		assertThat(launcher.brokerNames()).containsExactly("kafka");
		assertThat(launcher.bootstrapServers()).isEqualTo("127.0.0.1:9092");
		Files.writeString(this.run.resolve("stack/brokers"), Brokers.of(3).record());
		assertThat(launcher.brokerNames()).containsExactly("kafka-1", "kafka-2", "kafka-3");
		assertThat(launcher.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
	}

	@Test
	void statusShowsEveryBrokerOfTheData() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.LOG);
		Files.writeString(this.run.resolve("stack/brokers"), Brokers.of(3).record());
		launcher.status();
		assertThat(printed()).contains("kafka-1              pid -        port 9092   STOPPED")
			.contains("kafka-3              pid -        port 9096   STOPPED")
			.doesNotContain("kafka   ");
	}

	@Test
	void choosesNoBrokerCountButOneOrThree() {
		Launcher launcher = new Launcher(this.run, this.run, Ports.DEFAULTS,
				new PrintStream(this.out, true, StandardCharsets.UTF_8));
		assertThatIllegalArgumentException().isThrownBy(() -> launcher.chooseBrokers(OptionalInt.of(5), true))
			.withMessageContaining("--brokers must be 1 or 3");
	}

	@Test
	void upOnFreshDataStartsTheBrokersItWasAskedFor() throws IOException {
		try (ServerSocket taken = new ServerSocket(0); ServerSocket spare = new ServerSocket(0)) {
			// the port of kafka-1 is taken, so up stops there and names the component
			Ports ports = new Ports(spare.getLocalPort(), taken.getLocalPort(), taken.getLocalPort() + 1, 8081, 8082,
					8083);
			spare.close();
			Launcher launcher = new Launcher(this.run, this.run, ports,
					new PrintStream(this.out, true, StandardCharsets.UTF_8));
			assertThatIllegalStateException().isThrownBy(() -> launcher.up(true, LOG, OptionalInt.of(3)))
				.withMessageContaining("(for kafka-1) is taken by another program")
				.withMessageContaining("WAYBILL_KAFKA_PORT");
		}
	}

}
