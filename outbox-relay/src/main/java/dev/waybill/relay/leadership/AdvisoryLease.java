package dev.waybill.relay.leadership;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The held lock: renewed four times per lease timeout on its own session, whose
 * {@code idle_session_timeout} is the lease timeout.
 *
 * <p>
 * The server measures idleness from the end of the last statement, which comes after that
 * statement was sent. So a lease counted from the moment a renewal was sent, and given up
 * a quarter of the timeout early, ends before the server could free the lock for another
 * instance.
 */
final class AdvisoryLease implements Leadership.Lease {

	private static final Logger log = LoggerFactory.getLogger(AdvisoryLease.class);

	private final Connection connection;

	private final long validNanos;

	private final LongSupplier nanoTime;

	private final Runnable lost;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile long renewalSentAt;

	private volatile @Nullable ScheduledFuture<?> renewal;

	private AdvisoryLease(Connection connection, Duration leaseTimeout, LongSupplier nanoTime, Runnable lost,
			long acquiringSentAt) {
		this.connection = connection;
		this.validNanos = leaseTimeout.toNanos() * 3 / 4;
		this.nanoTime = nanoTime;
		this.lost = lost;
		this.renewalSentAt = acquiringSentAt;
	}

	static AdvisoryLease renewed(Connection connection, Duration leaseTimeout, ScheduledExecutorService renewals,
			LongSupplier nanoTime, Runnable lost) {
		AdvisoryLease lease = new AdvisoryLease(connection, leaseTimeout, nanoTime, lost, nanoTime.getAsLong());
		// the lock was taken just before, so counting from now is on the safe side only
		// by the time the lock statement took; renewing at once closes that gap
		lease.renew();
		long period = Math.max(1, leaseTimeout.toMillis() / 4);
		ScheduledFuture<?> renewal = renewals.scheduleWithFixedDelay(lease::renew, period, period,
				TimeUnit.MILLISECONDS);
		lease.renewal = renewal;
		if (lease.ended.get()) {
			// lost before its renewals were scheduled
			renewal.cancel(false);
		}
		return lease;
	}

	@Override
	public boolean isHeld() {
		return !this.ended.get() && this.nanoTime.getAsLong() - this.renewalSentAt < this.validNanos;
	}

	@Override
	public void close() {
		if (end(true)) {
			log.info("Leadership released");
		}
	}

	private void renew() {
		if (this.ended.get()) {
			return;
		}
		if (!isHeld()) {
			lose("it was not renewed in time", null);
			return;
		}
		long sentAt = this.nanoTime.getAsLong();
		try (Statement ping = this.connection.createStatement()) {
			ping.execute("SELECT 1");
			this.renewalSentAt = sentAt;
		}
		catch (SQLException ex) {
			lose("its session failed", ex);
		}
	}

	private void lose(String why, @Nullable Exception cause) {
		if (end(false)) {
			log.warn("Leadership lost: {}", why, cause);
			this.lost.run();
		}
	}

	// once: stops renewing (isHeld() is false from here on) and ends the session, which
	// frees the lock if it still holds it. A graceful end unlocks first: the server frees
	// a closed session's locks only once its backend has exited, which a standby trying
	// right after the handover can overtake
	private boolean end(boolean unlock) {
		if (!this.ended.compareAndSet(false, true)) {
			return false;
		}
		ScheduledFuture<?> scheduled = this.renewal;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		try (Connection session = this.connection) {
			if (unlock) {
				try (Statement statement = session.createStatement()) {
					statement.execute("SELECT pg_advisory_unlock_all()");
				}
			}
		}
		catch (SQLException ex) {
			log.debug("Ending the leadership session failed", ex);
		}
		return true;
	}

}
