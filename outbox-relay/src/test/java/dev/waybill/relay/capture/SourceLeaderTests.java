package dev.waybill.relay.capture;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import dev.waybill.relay.leadership.Leadership;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leadership of one source as this instance sees it, with the leadership, the capture
 * and the scheduler's time scripted: no database, no broker, no waiting.
 */
class SourceLeaderTests {

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final RelayProperties relay = RelaySettings
		.bind(Map.of("restart.initial-backoff", "2s", "restart.max-backoff", "8s"));

	private final ScriptedCapture capture = new ScriptedCapture();

	private final ScriptedLeadership leadership = new ScriptedLeadership();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SourceLeader leader = new SourceLeader(this.relay.sources().get(0), this.relay.restart(),
			this.capture, this.leadership, RETRY, "this-one", this.meters);

	@Test
	void aSourceLedElsewhereStandsByHealthyNamingTheLeaderAndTriesAgainEveryRetryInterval() {
		this.leadership.outcomes.add(Optional.empty());

		start();

		assertThat(this.leader.role()).isEqualTo(SourceLeader.Role.STANDBY);
		assertThat(this.leader.leader()).isEqualTo("the other one");
		assertThat(this.leader.attemptError()).isNull();
		assertThat(this.leader.term()).isNull();
		assertThat(this.capture.runs).isEmpty();
		assertThat(this.capture.fences).isZero();
		assertThat(this.scheduler.pending()).containsExactly(RETRY);
	}

	@Test
	void aStandbyThatGetsTheLeadershipFencesEndsTheEarlierReaderAndStreams() {
		this.leadership.outcomes.add(Optional.empty());
		start();
		ScriptedLease lease = this.leadership.next();

		this.scheduler.runNext();

		assertThat(this.leader.role()).isEqualTo(SourceLeader.Role.LEADER);
		assertThat(this.leader.leader()).isEqualTo("this-one");
		assertThat(this.leader.takeovers()).isEqualTo(1);
		assertThat(this.capture.fences).isEqualTo(1);
		assertThat(this.capture.evictions).isEqualTo(1);
		assertThat(this.capture.runs).singleElement().satisfies((run) -> assertThat(run.isStreaming()).isTrue());
		assertThat(lease.closed).isFalse();
		assertThat(this.meters.get("waybill.relay.leader").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("waybill.relay.takeovers").counter().count()).isEqualTo(1);
	}

	@Test
	void aLostLeaseStopsTheTermAtOnceAndTheInstanceStandsBy() {
		ScriptedLease lease = this.leadership.next();
		start();

		this.leadership.lost();
		assertThat(this.scheduler.runNext()).isZero();

		assertThat(this.capture.runs.get(0).stopped).isTrue();
		assertThat(this.leader.role()).isEqualTo(SourceLeader.Role.STANDBY);
		assertThat(this.leader.term()).isNull();
		assertThat(this.scheduler.pending()).containsExactly(RETRY);
		assertThat(lease.closed).as("a lost lease's session is the lease's to end").isFalse();
		assertThat(this.meters.get("waybill.relay.leader").gauge().value()).isZero();
		assertThat(this.meters.get("waybill.relay.leadership.lost").counter().count()).isEqualTo(1);
	}

	@Test
	void aTermRestartsNoRunOnceItsLeaseIsNoLongerHeld() {
		ScriptedLease lease = this.leadership.next();
		start();
		lease.held = false;

		this.capture.runs.get(0).fail(new IllegalStateException("producer fenced"));
		this.scheduler.runNext();

		assertThat(this.capture.runs).hasSize(1);
		assertThat(this.capture.fences).as("only the first term's fence").isEqualTo(1);
	}

	@Test
	void aStandbyThatCannotReachItsDatabaseIsRestartingWithTheError() {
		this.leadership.outcomes.add(Optional.empty());
		start();
		this.leadership.unreachable = true;

		this.scheduler.runNext();

		assertThat(this.leader.role()).isEqualTo(SourceLeader.Role.STANDBY);
		assertThat(this.leader.attemptError()).hasMessageContaining("cannot reach its database")
			.hasMessageContaining("connection refused");
		assertThat(this.leader.failedAttempts()).isEqualTo(1);
		assertThat(this.scheduler.pending()).containsExactly(RETRY);
	}

	@Test
	void stoppingStopsTheTermBeforeItHandsTheLeadershipOver() {
		ScriptedLease lease = this.leadership.next();
		start();
		ScriptedRun run = this.capture.runs.get(0);
		lease.onClose = () -> assertThat(run.stopped).as("the term, when the lease closes").isTrue();

		this.leader.stop();

		assertThat(lease.closed).isTrue();
	}

	@Test
	void stoppingAStandbyEndsTheSessionItKeepsBetweenAttempts() {
		this.leadership.outcomes.add(Optional.empty());
		start();
		assertThat(this.leader.role()).isEqualTo(SourceLeader.Role.STANDBY);

		this.leader.stop();

		assertThat(this.leadership.closed).isTrue();
	}

	private void start() {
		this.leader.acquire();
		this.leader.fence();
		this.leader.start(this.scheduler, this.scheduler);
	}

	private static final class ScriptedLeadership implements Leadership {

		private final Deque<Optional<ScriptedLease>> outcomes = new ArrayDeque<>();

		private @Nullable Runnable lost;

		private boolean unreachable;

		private boolean closed;

		ScriptedLease next() {
			ScriptedLease lease = new ScriptedLease();
			this.outcomes.add(Optional.of(lease));
			return lease;
		}

		void lost() {
			Runnable callback = this.lost;
			assertThat(callback).as("a lease handed out").isNotNull();
			callback.run();
		}

		@Override
		public Optional<Lease> tryAcquire(Runnable lost) throws SQLException {
			if (this.unreachable) {
				throw new SQLException("connection refused");
			}
			this.lost = lost;
			Optional<ScriptedLease> outcome = this.outcomes.isEmpty() ? Optional.empty() : this.outcomes.poll();
			return outcome.map(Lease.class::cast);
		}

		@Override
		public Optional<String> holder() {
			return Optional.of("the other one");
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

	private static final class ScriptedLease implements Leadership.Lease {

		private volatile boolean held = true;

		private boolean closed;

		private Runnable onClose = () -> {
		};

		@Override
		public boolean isHeld() {
			return this.held && !this.closed;
		}

		@Override
		public void close() {
			this.onClose.run();
			this.closed = true;
		}

	}

}
