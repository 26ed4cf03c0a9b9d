package dev.waybill.relay.leadership;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import dev.waybill.relay.Source;

/**
 * The leadership of one source among the relay instances configured for it.
 *
 * <p>
 * It is a session-level advisory lock, keyed by the source's outbox table, held by a
 * connection of its own with {@code idle_session_timeout} set to the lease timeout (so
 * PostgreSQL 14 or later, and a direct connection, not a pooler in transaction mode). The
 * leader renews it by running a statement several times per timeout. A leader whose
 * process dies loses it at once, with its session; one that stops renewing (paused,
 * starved, cut off) loses it when the server ends its idle session; one that stops
 * gracefully closes the session. No coordinator beyond the captured database, and no
 * clock but the server's decides when the lock is free again.
 *
 * <p>
 * The lock alone does not fence a leader that only seems dead: the relay's Kafka producer
 * epoch and the replication slot's single reader do. {@link Lease#isHeld()} lets the
 * leader stop before the server could have ended its session.
 */
public interface Leadership extends AutoCloseable {

	/**
	 * Tries once to lead the source.
	 * @param lost run once, on the renewing thread, when a lease this returns is lost
	 * (its session ended, or it could not be renewed in time); not when it is closed
	 * @return the lease, or empty when another session leads
	 * @throws SQLException when the database cannot be reached
	 */
	Optional<Lease> tryAcquire(Runnable lost) throws SQLException;

	/**
	 * @return who led the source when this instance last tried to lead it and found it
	 * led, as the server knows the leader's session (its application name, process id and
	 * client address); empty before such an attempt. Read by that attempt, on its own
	 * connection: asking costs nothing
	 */
	Optional<String> holder();

	/**
	 * Ends the session this instance keeps between its attempts while it stands by. A
	 * lease it holds is not closed by this: the lease is closed on its own.
	 */
	@Override
	void close();

	/**
	 * The leadership of a source, decided by an advisory lock in its database.
	 * @param source the source
	 * @param instance names this relay instance in the leader's session
	 * @param leaseTimeout how long a leader that stops renewing keeps the lock
	 * @param renewals runs the renewals
	 * @return the leadership
	 */
	static Leadership of(Source source, String instance, Duration leaseTimeout, ScheduledExecutorService renewals) {
		return new AdvisoryLockLeadership(source, instance, leaseTimeout, renewals, System::nanoTime);
	}

	/**
	 * Leadership while it lasts. Closing it hands it over at once.
	 */
	interface Lease extends AutoCloseable {

		/**
		 * @return whether this instance still leads: the lease is neither closed nor
		 * lost, and was renewed recently enough that the server cannot have ended its
		 * session yet. A leader checks it before each commit; a paused leader that
		 * resumes finds it false before it renews again
		 */
		boolean isHeld();

		/** Releases the leadership at once, so that a standby takes over. */
		@Override
		void close();

	}

}
