package dev.waybill.demo.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LauncherTests {

	private static final Optional<CaptureRequest> LOG = Optional.of(new CaptureRequest(Capture.LOG, "--capture=log"));

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@TempDir
	Path run;

	@Test
	void statusShowsTheCaptureOfTheData() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.POLLING);
		launcher.status();
		assertThat(printed())
			.contains("capture            polling, recorded with the data in " + this.run.resolve("stack"));
	}

	@Test
	void statusSaysWhenThereIsNoDataYet() {
		new Launcher(this.run, this.run, Ports.DEFAULTS, new PrintStream(this.out, true, StandardCharsets.UTF_8))
			.status();
		assertThat(printed()).contains("capture            none yet");
	}

	@Test
	void upRefusesTheOtherCaptureBeforeItStopsOrDeletesAnything() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.POLLING);
		assertThatIllegalStateException().isThrownBy(() -> launcher.up(false, LOG)).withMessageContaining("--fresh");
		assertThat(printed()).isEmpty();
		assertThat(Files.readString(this.run.resolve("stack/capture"))).isEqualTo("polling\n");
	}

	@Test
	void startAndRestartRefuseTheOtherCaptureToo() throws IOException {
		Launcher launcher = launcherOnDataWrittenUnder(Capture.POLLING);
		assertThatIllegalStateException().isThrownBy(() -> launcher.start("relay", LOG))
			.withMessageContaining("written under polling capture");
		assertThatIllegalStateException().isThrownBy(() -> launcher.restart("relay", LOG))
			.withMessageContaining("written under polling capture");
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

}
