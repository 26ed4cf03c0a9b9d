package dev.waybill.relay.leadership;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;

/**
 * {@link Leadership} as a session-level advisory lock on a connection of its own. A
 * standby keeps the session of its last attempt for the next one, so that standing by
 * holds one session per source rather than opening one every retry interval.
 */
final class AdvisoryLockLeadership implements Leadership {

	// "WBLD": the lock's first key; the polling session's lock has another, so that the
	// leader's own poller can take that one on its own session
	static final int LOCK_SPACE = 0x57424C44;

	private static final String TRY_LOCK = """
			SELECT pg_try_advisory_lock(?, hashtext(?))
			""";

	private static final String HOLDER = """
			SELECT a.application_name || ' (pid ' || a.pid || coalesce(', ' || host(a.client_addr), '') || ')'
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::int4::oid AND l.objid = hashtext(?)::oid
			  AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			""";

	private final Source source;

	private final String instance;

	private final Duration leaseTimeout;

	private final ScheduledExecutorService renewals;

	private final LongSupplier nanoTime;

	private volatile @Nullable String holder;

	// the session of the last attempt that found the source led, kept for the next one:
	// a standby tries every retry interval, and a new session each time would churn the
	// server's connections
	private final AtomicReference<@Nullable Connection> standing = new AtomicReference<>();

	private volatile boolean closed;

	AdvisoryLockLeadership(Source source, String instance, Duration leaseTimeout, ScheduledExecutorService renewals,
			LongSupplier nanoTime) {
		if (leaseTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("The lease timeout must be at least 1s, got " + leaseTimeout);
		}
		this.source = source;
		this.instance = instance;
		this.leaseTimeout = leaseTimeout;
		this.renewals = renewals;
		this.nanoTime = nanoTime;
	}

	@Override
	public Optional<Lease> tryAcquire(Runnable lost) throws SQLException {
		Connection kept = this.standing.getAndSet(null);
		if (kept != null) {
			try {
				return attempt(kept, lost);
			}
			catch (SQLException ex) {
				// the kept session ended (the server restarted, or the retries are
				// further
				// apart than its idle timeout): one more try, on a new session
			}
		}
		return attempt(connect(), lost);
	}

	@Override
	public void close() {
		this.closed = true;
		Connection kept = this.standing.getAndSet(null);
		if (kept != null) {
			try {
				kept.close();
			}
			catch (SQLException ex) {
				// closing a session that is gone already
			}
		}
	}

	// the session leads, or is kept for the next attempt, or is closed
	private Optional<Lease> attempt(Connection connection, Runnable lost) throws SQLException {
		try {
			if (!tryLock(connection)) {
				this.holder = readHolder(connection);
				keep(connection);
				return Optional.empty();
			}
			return Optional
				.of(AdvisoryLease.renewed(connection, this.leaseTimeout, this.renewals, this.nanoTime, lost));
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	// a renewal that hangs longer than half the lease must fail, so that the leader
	// learns of the loss before the server ends the session
	private Connection connect() throws SQLException {
		Connection connection = this.source.connect("leader-" + this.instance, this.leaseTimeout.dividedBy(2));
		try (Statement timeout = connection.createStatement()) {
			timeout.execute("SET idle_session_timeout = " + this.leaseTimeout.toMillis());
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private void keep(Connection connection) {
		this.standing.set(connection);
		if (this.closed) {
			close();
		}
	}

	@Override
	public Optional<String> holder() {
		return Optional.ofNullable(this.holder);
	}

	private @Nullable String readHolder(Connection connection) throws SQLException {
		try (PreparedStatement select = keyed(connection, HOLDER); ResultSet result = select.executeQuery()) {
			return result.next() ? result.getString(1) : null;
		}
	}

	private boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement lock = keyed(connection, TRY_LOCK); ResultSet result = lock.executeQuery()) {
			return result.next() && result.getBoolean(1);
		}
	}

	private PreparedStatement keyed(Connection connection, String sql) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		statement.setInt(1, LOCK_SPACE);
		statement.setString(2, this.source.table());
		return statement;
	}

}
