package dev.waybill.relay.leadership;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProperties.LostSlot;
import dev.waybill.relay.Source;
import dev.waybill.relay.SourceSsl;
import dev.waybill.relay.leadership.Leadership.Lease;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relay instances contend for one source's leadership on the embedded PostgreSQL: one
 * leads, the other stands by, and it takes over when the leader hands over, dies, stops
 * renewing (as a paused process does) or loses its session.
 */
@ExtendWith(EmbeddedStackExtension.class)
class LeadershipIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	// longer than a takeover may take, so that the standby can only have taken over
	// because the server ended the paused leader's session, not because it resumed
	private static final Duration PAUSE = LEASE.multipliedBy(6);

	private final ScheduledExecutorService firstRenewals = Executors.newSingleThreadScheduledExecutor();

	private final ScheduledExecutorService secondRenewals = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger firstLost = new AtomicInteger();

	private String jdbcUrl;

	private Leadership first;

	private Leadership second;

	@BeforeEach
	void twoInstancesOfOneSource(EmbeddedStack stack) {
		this.jdbcUrl = stack.jdbcUrl(OutboxDatabase.create(stack, "leadership").database());
		Source source = new Source("orders", this.jdbcUrl, null, 5432, null, ServiceDatabase.RELAY_USER,
				ServiceDatabase.RELAY_PASSWORD, "public.outbox_event", null, null, Map.of(), LostSlot.REFUSE,
				SourceSsl.NONE);
		this.first = Leadership.of(source, "first", LEASE, this.firstRenewals);
		this.second = Leadership.of(source, "second", LEASE, this.secondRenewals);
	}

	@AfterEach
	void stopRenewing() {
		this.first.close();
		this.second.close();
		this.firstRenewals.shutdownNow();
		this.secondRenewals.shutdownNow();
	}

	@Test
	void oneInstanceLeadsTheOtherStandsByAndTakesOverAtOnceWhenTheLeaderHandsOver() throws SQLException {
		Lease lease = this.first.tryAcquire(this.firstLost::incrementAndGet).orElseThrow();

		assertThat(lease.isHeld()).isTrue();
		assertThat(this.second.tryAcquire(() -> {
		})).isEmpty();
		assertThat(this.second.holder()).hasValueSatisfying((holder) -> assertThat(holder).contains("leader-first"));

		lease.close();

		assertThat(lease.isHeld()).isFalse();
		assertThat(this.second.tryAcquire(() -> {
		})).hasValueSatisfying((taken) -> assertThat(taken.isHeld()).isTrue());
		assertThat(this.firstLost).as("a lease handed over is not lost").hasValue(0);
	}

	@Test
	void aPausedLeaderStopsLeadingBeforeTheStandbyTakesOverAndLearnsItWhenItResumes() throws SQLException {
		Lease lease = this.first.tryAcquire(this.firstLost::incrementAndGet).orElseThrow();
		// what a paused or starved process does to its renewals: nothing, for a while
		this.firstRenewals.execute(() -> pause(PAUSE));

		Lease taken = awaitTakeover(this.second).orElseThrow();

		assertThat(lease.isHeld()).as("the paused leader's lease once the standby leads").isFalse();
		assertThat(this.firstLost).as("the leader is still paused").hasValue(0);
		assertThat(taken.isHeld()).isTrue();
		await().atMost(PAUSE).until(() -> this.firstLost.get() == 1);
	}

	@Test
	void aLeaderWhoseSessionIsEndedLearnsItAndTheStandbyTakesOver() throws Exception {
		Lease lease = this.first.tryAcquire(this.firstLost::incrementAndGet).orElseThrow();

		// as another relay instance would: the relay's role may end its own role's
		// sessions
		terminate("waybill-relay-leader-first");

		await().atMost(LEASE).until(() -> this.firstLost.get() == 1);
		assertThat(lease.isHeld()).isFalse();
		assertThat(awaitTakeover(this.second)).isPresent();
	}

	@Test
	void aStandbyKeepsOneSessionAcrossItsAttemptsAndEndsItWhenClosed() throws SQLException {
		Lease lease = this.first.tryAcquire(this.firstLost::incrementAndGet).orElseThrow();
		assertThat(this.second.tryAcquire(() -> {
		})).isEmpty();
		List<Integer> sessions = standbySessions();

		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(this.second.tryAcquire(() -> {
			})).isEmpty();
		}

		assertThat(sessions).hasSize(1);
		assertThat(standbySessions()).as("the standby's sessions after five more attempts").isEqualTo(sessions);
		this.second.close();
		await().atMost(LEASE).until(() -> standbySessions().isEmpty());
		assertThat(lease.isHeld()).isTrue();
	}

	@Test
	void aStandbyWhoseKeptSessionWasEndedTriesOnANewOne() throws SQLException {
		assertThat(this.first.tryAcquire(this.firstLost::incrementAndGet)).isPresent();
		assertThat(this.second.tryAcquire(() -> {
		})).isEmpty();
		List<Integer> ended = standbySessions();
		terminate("waybill-relay-leader-second");

		assertThat(this.second.tryAcquire(() -> {
		})).as("an attempt on the ended session, then on a new one").isEmpty();

		// the ended session's backend exits on its own time
		await().atMost(LEASE)
			.untilAsserted(() -> assertThat(standbySessions()).hasSize(1).doesNotContainAnyElementsOf(ended));
	}

	private List<Integer> standbySessions() throws SQLException {
		List<Integer> pids = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, ServiceDatabase.RELAY_USER,
				ServiceDatabase.RELAY_PASSWORD);
				Statement select = connection.createStatement();
				// this test's database: an earlier test's sessions may still be ending
				ResultSet rows = select.executeQuery("SELECT pid FROM pg_stat_activity "
						+ "WHERE application_name = 'waybill-relay-leader-second' AND datname = current_database() "
						+ "ORDER BY pid")) {
			while (rows.next()) {
				pids.add(rows.getInt(1));
			}
		}
		return pids;
	}

	private void terminate(String applicationName) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, ServiceDatabase.RELAY_USER,
				ServiceDatabase.RELAY_PASSWORD); Statement terminate = connection.createStatement()) {
			terminate.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
					+ applicationName + "' AND datname = current_database()");
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Optional<Lease> awaitTakeover(Leadership standby) {
		return await().atMost(PAUSE.minus(LEASE))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> standby.tryAcquire(() -> {
			}), Optional::isPresent);
	}

}
