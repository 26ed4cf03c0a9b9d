package dev.waybill.demo.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DemoDataTests {

	private static final Optional<CaptureRequest> POLLING = Optional
		.of(new CaptureRequest(Capture.POLLING, "--capture=polling"));

	private static final Optional<CaptureRequest> LOG = Optional.of(new CaptureRequest(Capture.LOG, "--capture=log"));

	@TempDir
	Path run;

	@Test
	void newDataStartsWithLogCaptureUnlessAnotherIsAskedFor() {
		DemoData data = new DemoData(this.run);
		assertThat(data.capture()).isEmpty();
		assertThat(data.chooseCapture(Optional.empty(), false)).isEqualTo(Capture.LOG);
		assertThat(data.chooseCapture(POLLING, false)).isEqualTo(Capture.POLLING);
	}

	@Test
	void aRecordReadWhileAnotherCommandWritesItIsNeverHalfWritten() throws Exception {
		DemoData data = existingData(Capture.LOG);
		Thread writer = new Thread(() -> {
			for (int i = 0; i < 2000; i++) {
				data.record((i % 2 == 0) ? Capture.POLLING : Capture.LOG);
			}
		});
		writer.start();
		try {
			while (writer.isAlive()) {
				assertThat(data.capture()).isPresent();
			}
		}
		finally {
			writer.join();
		}
		try (Stream<Path> files = Files.list(this.run.resolve("stack"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).noneMatch((name) -> name.endsWith(".tmp"));
		}
	}

	@Test
	void existingDataKeepsTheCaptureItWasWrittenUnderWhenNoneIsAskedFor() throws IOException {
		DemoData data = existingData(Capture.POLLING);
		assertThat(data.capture()).contains(Capture.POLLING);
		assertThat(data.chooseCapture(Optional.empty(), false)).isEqualTo(Capture.POLLING);
		assertThat(data.chooseCapture(POLLING, false)).isEqualTo(Capture.POLLING);
	}

	@Test
	void refusesPollingOnDataWrittenUnderLogCaptureAndSaysWhyAndWhatToDo() throws IOException {
		DemoData data = existingData(Capture.LOG);
		assertThatIllegalStateException().isThrownBy(() -> data.chooseCapture(POLLING, false))
			.withMessageContaining("was written under log capture, and --capture=polling asks for polling")
			.withMessageContaining("a poller would publish every retained row again")
			.withMessageContaining("./waybill up --fresh --capture=polling")
			.withMessageContaining("outbox-relay/README.md")
			.withMessageContaining(this.run.resolve("stack/capture").toString());
	}

	@Test
	void logCaptureTakesOverDataWrittenUnderPollingCapture() throws IOException {
		DemoData data = existingData(Capture.POLLING);
		assertThat(data.chooseCapture(LOG, false)).isEqualTo(Capture.LOG);
	}

	@Test
	void freshDataTakesWhatIsAskedForWhateverTheOldDataWasWrittenUnder() throws IOException {
		DemoData data = existingData(Capture.LOG);
		assertThat(data.chooseCapture(POLLING, true)).isEqualTo(Capture.POLLING);
		assertThat(data.chooseCapture(Optional.empty(), true)).isEqualTo(Capture.LOG);
	}

	@Test
	void dataWrittenBeforeTheRecordCountsAsLogCaptureTheDefaultThen() throws IOException {
		Files.createDirectories(this.run.resolve("stack/postgres"));
		DemoData data = new DemoData(this.run);
		assertThat(data.capture()).contains(Capture.LOG);
		assertThatIllegalStateException().isThrownBy(() -> data.chooseCapture(POLLING, false));
	}

	@Test
	void aRecordWithoutDataIsNotDataAndIsOverwritten() {
		DemoData data = new DemoData(this.run);
		data.record(Capture.LOG);
		assertThat(data.capture()).isEmpty();
		assertThat(data.chooseCapture(POLLING, false)).isEqualTo(Capture.POLLING);
	}

	@Test
	void namesTheRecordWhenItHoldsNoCapture() throws IOException {
		DemoData data = existingData(Capture.LOG);
		Files.writeString(this.run.resolve("stack/capture"), "cdc\n");
		assertThatIllegalArgumentException().isThrownBy(data::capture)
			.withMessageContaining(this.run.resolve("stack/capture") + " must be log or polling, got 'cdc");
	}

	@Test
	void deletesTheDataTogetherWithItsRecord() throws IOException {
		DemoData data = existingData(Capture.POLLING);
		assertThat(data.delete()).isTrue();
		assertThat(this.run.resolve("stack")).doesNotExist();
		assertThat(data.capture()).isEmpty();
		assertThat(data.delete()).isFalse();
	}

	@Test
	void newDataRunsOneBrokerUnlessThreeAreAskedFor() {
		DemoData data = new DemoData(this.run);
		assertThat(data.brokers()).isEmpty();
		assertThat(data.chooseBrokers(OptionalInt.empty(), false)).isEqualTo(Brokers.SINGLE);
		assertThat(data.chooseBrokers(OptionalInt.of(3), false).count()).isEqualTo(3);
	}

	@Test
	void keptDataKeepsItsBrokersAndTheirClusterId() throws IOException {
		DemoData data = existingData(Capture.LOG);
		Brokers cluster = Brokers.of(3);
		data.record(cluster);
		assertThat(data.brokers()).contains(cluster);
		assertThat(data.chooseBrokers(OptionalInt.empty(), false)).isEqualTo(cluster);
		assertThat(data.chooseBrokers(OptionalInt.of(3), false)).isEqualTo(cluster);
	}

	@Test
	void refusesAnotherNumberOfBrokersOnKeptDataAndSaysToStartFresh() throws IOException {
		DemoData data = existingData(Capture.LOG);
		data.record(Brokers.of(3));
		assertThatIllegalStateException().isThrownBy(() -> data.chooseBrokers(OptionalInt.of(1), false))
			.withMessageContaining("is held by 3 broker(s), and --brokers=1 asks for 1")
			.withMessageContaining("./waybill up --fresh --brokers=1");
		assertThat(data.chooseBrokers(OptionalInt.of(1), true)).isEqualTo(Brokers.SINGLE);
	}

	@Test
	void dataWrittenBeforeTheBrokersWereRecordedHasOneBroker() throws IOException {
		DemoData data = existingData(Capture.LOG);
		assertThat(data.brokers()).contains(Brokers.SINGLE);
		assertThatIllegalStateException().isThrownBy(() -> data.chooseBrokers(OptionalInt.of(3), false))
			.withMessageContaining("held by 1 broker(s)");
	}

	@Test
	void freshDataTakesANewClusterId() throws IOException {
		DemoData data = existingData(Capture.LOG);
		Brokers old = Brokers.of(3);
		data.record(old);
		assertThat(data.chooseBrokers(OptionalInt.of(3), true).clusterId()).isNotEqualTo(old.clusterId());
	}

	private DemoData existingData(Capture capture) throws IOException {
		Files.createDirectories(this.run.resolve("stack/postgres"));
		Files.writeString(this.run.resolve("stack/postgres/PG_VERSION"), "17\n");
		DemoData data = new DemoData(this.run);
		data.record(capture);
		return data;
	}

	@Test
	void securityIsKeptWithTheDataUntilAskedOtherwiseAndPlainOnNewData() throws IOException {
		DemoData data = new DemoData(this.run);
		assertThat(data.chooseSecurity(Optional.empty(), false).secured()).isFalse();
		Files.createDirectories(this.run.resolve("stack/postgres"));
		data.record(data.chooseSecurity(Optional.of(true), false));

		Security kept = data.chooseSecurity(Optional.empty(), false);
		assertThat(kept.secured()).isTrue();
		assertThat(kept.secrets()).isEqualTo(this.run.resolve("stack/secrets"));
		assertThat(data.chooseSecurity(Optional.of(false), false).secured()).isFalse();
		assertThat(data.chooseSecurity(Optional.empty(), true).secured()).isFalse();
	}

}
