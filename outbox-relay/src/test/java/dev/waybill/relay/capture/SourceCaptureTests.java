package dev.waybill.relay.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The restart state machine of one source, on a scheduler whose time the test moves: no
 * broker, no database, no waiting.
 */
class SourceCaptureTests {

	private final RelayProperties relay = RelaySettings
		.bind(Map.of("restart.initial-backoff", "1s", "restart.max-backoff", "8s"));

	private final ScriptedCapture capture = new ScriptedCapture();

	private final ManualScheduler scheduler = new ManualScheduler();

	// leading throughout: SourceLeaderTests covers a lease that is lost
	private final SourceCapture source = new SourceCapture(this.relay.sources().get(0), this.relay.restart(),
			this.capture, () -> true);

	@Test
	void aFirstStartThatFailsFailsTheRelaysStartAndStopsTheSource() {
		this.capture.failNextStarts(1);

		assertThatIllegalStateException().isThrownBy(() -> this.source.start(this.scheduler, this.scheduler))
			.withMessageContaining("scripted start failure");
		assertThat(this.source.state()).isEqualTo(SourceCapture.State.STOPPED);
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void aRunThatFailsAfterStreamingIsReplacedAfterTheInitialBackoffFencingFirst() {
		this.source.start(this.scheduler, this.scheduler);
		ScriptedRun first = this.capture.runs.get(0);

		first.fail(new IllegalStateException("broker gone"));

		assertThat(this.source.state()).isEqualTo(SourceCapture.State.RESTARTING);
		assertThat(this.source.isStreaming()).isFalse();
		assertThat(this.source.lastError()).hasMessage("broker gone");
		assertThat(this.scheduler.pending()).containsExactly(Duration.ofSeconds(1));
		int fencesBefore = this.capture.fences;

		this.scheduler.runNext();

		assertThat(first.stopped).isTrue();
		assertThat(this.capture.fences).isEqualTo(fencesBefore + 1);
		assertThat(this.capture.runs).hasSize(2);
		assertThat(this.source.state()).isEqualTo(SourceCapture.State.STREAMING);
		assertThat(this.source.isStreaming()).isTrue();
		assertThat(this.source.restartAttempts()).isZero();
	}

	@Test
	void failedRestartAttemptsBackOffDoublingUpToTheMaximum() {
		this.source.start(this.scheduler, this.scheduler);
		this.capture.failNextStarts(5);
		this.capture.runs.get(0).fail(new IllegalStateException("database restarting"));

		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			waits.add(this.scheduler.runNext());
		}

		assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
				Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
		assertThat(this.source.state()).isEqualTo(SourceCapture.State.STREAMING);
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void aFenceThatFailsCountsAsAFailedAttempt() {
		this.source.start(this.scheduler, this.scheduler);
		this.capture.runs.get(0).fail(new IllegalStateException("broker gone"));
		this.capture.failNextFences(1);

		this.scheduler.runNext();

		assertThat(this.capture.runs).hasSize(1);
		assertThat(this.source.state()).isEqualTo(SourceCapture.State.RESTARTING);
		assertThat(this.source.restartAttempts()).isEqualTo(1);
		assertThat(this.scheduler.pending()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void aSourceStoppedWhileARestartIsDueStartsNoNewRun() {
		this.source.start(this.scheduler, this.scheduler);
		this.capture.runs.get(0).fail(new IllegalStateException("broker gone"));

		this.source.stop();
		this.scheduler.runNext();

		assertThat(this.capture.runs).hasSize(1);
		assertThat(this.capture.runs.get(0).stopped).isTrue();
		assertThat(this.source.state()).isEqualTo(SourceCapture.State.STOPPED);
	}

	@Test
	void aFailureOfARunThatIsNoLongerCurrentIsIgnored() {
		this.source.start(this.scheduler, this.scheduler);
		ScriptedRun first = this.capture.runs.get(0);
		first.fail(new IllegalStateException("broker gone"));
		this.scheduler.runNext();

		first.fail(new IllegalStateException("late report of the old run"));

		assertThat(this.source.state()).isEqualTo(SourceCapture.State.STREAMING);
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void aRunThatFailsWhileItStartsIsRestartedOnceItBecomesCurrent() {
		this.capture.failWhileStarting = new IllegalStateException("failed during start");

		this.source.start(this.scheduler, this.scheduler);

		assertThat(this.source.state()).isEqualTo(SourceCapture.State.RESTARTING);
		assertThat(this.scheduler.pending()).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void stoppingStopsTheCurrentRun() {
		this.source.start(this.scheduler, this.scheduler);

		this.source.stop();

		assertThat(this.capture.runs.get(0).stopped).isTrue();
		assertThat(this.source.isStreaming()).isFalse();
	}

	/** A capture whose runs and fences succeed or fail as the test scripts them. */

}
