package dev.waybill.relay.capture;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.waybill.relay.RelayProperties.Restart;
import dev.waybill.relay.Source;
import dev.waybill.relay.leadership.Leadership;
import dev.waybill.relay.leadership.Leadership.Lease;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source among the relay instances configured for it. While this instance leads the
 * source, a term of its capture ({@link SourceCapture}) streams it; while another leads,
 * it stands by and tries again every retry interval. Taking over fences the earlier
 * leader's producer and ends its sessions on the source ({@link Capture#evict}) before
 * the new term reads a position. A lost leadership (the lease not renewed in time, its
 * session ended) stops the term at once, and the instance stands by.
 */
// Over 200 lines: the leadership's transitions (lead, stand by, take over, step down,
// stop) share one lock and are read together
final class SourceLeader {

	private static final Logger log = LoggerFactory.getLogger(SourceLeader.class);

	/** Whether this instance leads the source; health reports it. */
	enum Role {

		LEADER, STANDBY

	}

	private final Source source;

	private final Restart restart;

	private final Capture capture;

	private final Leadership leadership;

	private final Duration retryInterval;

	private final String instance;

	private final LeadershipMetrics metrics;

	private final AtomicInteger takeovers = new AtomicInteger();

	private volatile Role role = Role.STANDBY;

	private volatile @Nullable String leader;

	private volatile @Nullable SourceCapture term;

	// why the last attempt to lead failed, while standing by: a standby that cannot reach
	// the database is not healthy
	private volatile @Nullable Throwable attemptError;

	private final AtomicInteger failedAttempts = new AtomicInteger();

	private @Nullable Lease lease;

	private boolean stopped;

	private @Nullable Executor engines;

	private @Nullable ScheduledExecutorService scheduler;

	SourceLeader(Source source, Restart restart, Capture capture, Leadership leadership, Duration retryInterval,
			String instance, MeterRegistry registry) {
		this.metrics = new LeadershipMetrics(registry, source.name(), this::role);
		this.source = source;
		this.instance = instance;
		this.restart = restart;
		this.capture = capture;
		this.leadership = leadership;
		this.retryInterval = retryInterval;
	}

	/**
	 * Tries to lead the source; a leader's first term is fenced here, with every other
	 * source's, before any starts.
	 * @return whether this instance leads it
	 */
	synchronized boolean acquire() {
		Optional<Lease> acquired = tryAcquire();
		acquired.ifPresent((held) -> this.lease = held);
		return acquired.isPresent();
	}

	/** Fences the earlier producer of a source this instance leads. */
	void fence() {
		if (this.lease != null) {
			this.capture.fence(this.source);
		}
	}

	/**
	 * Starts the term of a source this instance leads, whose failure fails the relay's
	 * start as before, or stands by.
	 */
	void start(Executor engines, ScheduledExecutorService scheduler) {
		this.engines = engines;
		this.scheduler = scheduler;
		Lease held = this.lease;
		if (held == null) {
			standBy();
			return;
		}
		try {
			begin(held);
		}
		catch (RuntimeException ex) {
			held.close();
			throw ex;
		}
	}

	void stop() {
		SourceCapture current;
		Lease held;
		synchronized (this) {
			this.stopped = true;
			current = this.term;
			held = this.lease;
			this.term = null;
			this.lease = null;
		}
		if (current != null) {
			current.stop();
		}
		if (held != null) {
			// after the term stopped: a standby must not take over while it still commits
			held.close();
		}
		this.leadership.close();
	}

	Source source() {
		return this.source;
	}

	Role role() {
		return this.role;
	}

	/**
	 * @return who leads the source, as last seen: this instance, or another's session
	 */
	@Nullable String leader() {
		return this.leader;
	}

	int takeovers() {
		return this.takeovers.get();
	}

	/**
	 * @return why this instance, standing by, could not try to lead (its database
	 * unreachable, say), or {@code null} when its last attempt found another leader
	 */
	@Nullable Throwable attemptError() {
		return (this.role == Role.STANDBY) ? this.attemptError : null;
	}

	/**
	 * @return the attempts to lead that failed in a row, while standing by
	 */
	int failedAttempts() {
		return this.failedAttempts.get();
	}

	private void failedAttempt(RuntimeException error) {
		this.attemptError = error;
		this.failedAttempts.incrementAndGet();
	}

	/**
	 * @return the current term while this instance leads
	 */
	@Nullable SourceCapture term() {
		return this.term;
	}

	private void begin(Lease held) {
		// a term restarts its failed runs only while this instance leads: a zombie's
		// restart would otherwise fence the new leader's producer
		SourceCapture next = new SourceCapture(this.source, this.restart, this.capture, held::isHeld);
		this.capture.evict(this.source);
		next.start(required(this.engines), required(this.scheduler));
		synchronized (this) {
			if (this.stopped) {
				next.stop();
				held.close();
				return;
			}
			this.lease = held;
			this.term = next;
			this.role = Role.LEADER;
			this.leader = this.instance;
		}
		log.info("Source '{}': this instance leads it (takeover {})", this.source.name(),
				this.takeovers.incrementAndGet());
		this.metrics.tookOver();
	}

	// a standby's attempt: the leadership, then the fence, then a term
	private void takeOver() {
		Optional<Lease> acquired = tryAcquire();
		this.attemptError = null;
		this.failedAttempts.set(0);
		if (acquired.isEmpty()) {
			standBy();
			return;
		}
		log.info("Source '{}': this instance took the leadership over; fencing the earlier leader", this.source.name());
		try {
			this.capture.fence(this.source);
			begin(acquired.get());
		}
		catch (RuntimeException ex) {
			// another instance may do better: leave it the leadership
			acquired.get().close();
			failedAttempt(ex);
			log.warn("Source '{}': could not take over, standing by: {}", this.source.name(), ex.getMessage());
			standBy();
		}
	}

	private Optional<Lease> tryAcquire() {
		try {
			return this.leadership.tryAcquire(this::lost);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Source '" + this.source.name()
					+ "': cannot reach its database to decide which relay leads it: " + ex.getMessage(), ex);
		}
	}

	// on the lease's renewing thread: the term stops on the scheduler, so that a slow
	// stop delays no other source's renewals
	private void lost() {
		schedule(this::stepDown, Duration.ZERO);
	}

	private void stepDown() {
		SourceCapture current;
		synchronized (this) {
			current = this.term;
			this.term = null;
			this.lease = null;
			this.role = Role.STANDBY;
		}
		log.warn("Source '{}': this instance lost its leadership and stops publishing", this.source.name());
		this.metrics.lost();
		if (current != null) {
			current.stop();
		}
		standBy();
	}

	private void standBy() {
		synchronized (this) {
			if (this.stopped) {
				return;
			}
			this.role = Role.STANDBY;
		}
		this.leader = this.leadership.holder().orElse(null);
		schedule(this::takeOver, this.retryInterval);
	}

	// each attempt handles its own failures, so the future has nothing to report
	@SuppressWarnings("FutureReturnValueIgnored")
	private void schedule(Runnable attempt, Duration wait) {
		ScheduledExecutorService executor = this.scheduler;
		if (executor == null) {
			return;
		}
		try {
			executor.schedule(() -> {
				try {
					attempt.run();
				}
				catch (RuntimeException ex) {
					failedAttempt(ex);
					log.warn("Source '{}': {}", this.source.name(), ex.getMessage());
					standBy();
				}
			}, wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			log.debug("Source '{}': nothing more to schedule, the relay stops", this.source.name());
		}
	}

	private <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("Source '" + this.source.name() + "' was never started");
		}
		return value;
	}

}
