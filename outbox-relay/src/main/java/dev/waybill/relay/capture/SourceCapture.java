package dev.waybill.relay.capture;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.waybill.relay.Source;
import dev.waybill.relay.RelayProperties.Restart;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source, kept streaming: the first start fails fast (a relay that cannot stream at
 * startup does not start), and a run that fails later (a broker or database restart, a
 * batch that cannot be published) is closed and replaced by a new run with a fresh
 * producer, after a backoff that doubles with every failed attempt.
 *
 * <p>
 * A new run keeps exactly-once: its producer's {@code initTransactions()} aborts what the
 * failed producer left open, and it reads its position anew from the offsets topic once
 * every transaction open there has ended ({@code OffsetsTopic.committedPositions()}), so
 * it resumes after the last committed batch.
 */
// Over 200 lines: the restart state machine, whose transitions share one lock and are
// read together; its unit tests (SourceCaptureTests) walk each of them
final class SourceCapture {

	private static final Logger log = LoggerFactory.getLogger(SourceCapture.class);

	/** Where a source stands; health reports it. */
	enum State {

		STARTING, STREAMING, RESTARTING, STOPPED

	}

	private final Source source;

	private final Restart restart;

	private final Capture capture;

	private final BooleanSupplier leading;

	private volatile State state = State.STARTING;

	private volatile @Nullable Throwable lastError;

	private volatile int restartAttempts;

	private @Nullable Run run;

	private @Nullable Executor engines;

	private @Nullable ScheduledExecutorService restarts;

	/**
	 * @param leading whether this relay instance still leads the source: a failed run is
	 * replaced only while it does
	 */
	SourceCapture(Source source, Restart restart, Capture capture, BooleanSupplier leading) {
		this.source = source;
		this.restart = restart;
		this.capture = capture;
		this.leading = leading;
	}

	/**
	 * Aborts what an earlier relay left open for this source ({@link Capture#fence}).
	 */
	void fence() {
		try {
			this.capture.fence(this.source);
		}
		catch (RuntimeException ex) {
			this.state = State.STOPPED;
			throw new IllegalStateException("Source '" + this.source.name()
					+ "': the Kafka producer could not fence an earlier relay: " + ex.getMessage(), ex);
		}
	}

	void start(Executor engines, ScheduledExecutorService restarts) {
		this.engines = engines;
		this.restarts = restarts;
		Run first = this.capture.run(this.source, this.leading, this::failed);
		try {
			first.start(engines);
		}
		catch (RuntimeException ex) {
			this.state = State.STOPPED;
			throw ex;
		}
		streaming(first);
	}

	void stop() {
		Run current;
		synchronized (this) {
			this.state = State.STOPPED;
			current = this.run;
			this.run = null;
		}
		if (current != null) {
			current.stop();
		}
	}

	Source source() {
		return this.source;
	}

	State state() {
		return this.state;
	}

	boolean isStreaming() {
		Run current = this.run;
		return this.state == State.STREAMING && current != null && current.isStreaming();
	}

	@Nullable Throwable lastError() {
		return this.lastError;
	}

	int restartAttempts() {
		return this.restartAttempts;
	}

	private void streaming(Run started) {
		boolean stopped;
		synchronized (this) {
			stopped = this.state == State.STOPPED;
			if (!stopped) {
				this.run = started;
				this.state = State.STREAMING;
				this.restartAttempts = 0;
			}
		}
		if (stopped) {
			// stopped while this run started: it must not outlive the relay; stopped
			// outside the lock, which the run's failure callback takes
			started.stop();
			return;
		}
		log.info("Source '{}' is streaming {}", this.source.name(), this.capture.describe(this.source));
		Throwable early = started.failure();
		if (early != null) {
			// it failed before it became the current run, so failed() ignored it
			failed(started, early);
		}
	}

	private synchronized void failed(Run failed, Throwable error) {
		if (this.state == State.STOPPED || this.run != failed) {
			return;
		}
		this.lastError = error;
		this.state = State.RESTARTING;
		schedule(this.restart.backoff(0));
	}

	private void restart() {
		if (!this.leading.getAsBoolean()) {
			log.info("Source '{}': no restart, this instance no longer leads it", this.source.name());
			return;
		}
		if (!releaseFailedRun()) {
			return;
		}
		log.info("Source '{}': restart attempt {}", this.source.name(), this.restartAttempts);
		if (!fenced()) {
			return;
		}
		Run next = this.capture.run(this.source, this.leading, this::failed);
		try {
			next.start(requireEngines());
			streaming(next);
		}
		catch (RuntimeException ex) {
			retryAfter(ex);
		}
	}

	/**
	 * @return {@code false} when the capture stopped meanwhile and must not restart
	 */
	private boolean releaseFailedRun() {
		Run previous;
		synchronized (this) {
			if (this.state == State.STOPPED) {
				return false;
			}
			this.restartAttempts++;
			previous = this.run;
			this.run = null;
		}
		if (previous != null) {
			// the run has ended; this closes its producer, which cannot be reused
			previous.stop();
		}
		return true;
	}

	// as at the relay's start: the failed run's open transaction is aborted before the
	// new run reads a position, which it would otherwise wait out
	private boolean fenced() {
		try {
			this.capture.fence(this.source);
			return true;
		}
		catch (RuntimeException ex) {
			retryAfter(ex);
			return false;
		}
	}

	private synchronized void retryAfter(RuntimeException failure) {
		if (this.state == State.STOPPED) {
			return;
		}
		this.lastError = failure;
		Duration wait = this.restart.backoff(this.restartAttempts);
		log.warn("Source '{}': restart attempt {} failed, next in {}: {}", this.source.name(), this.restartAttempts,
				wait, failure.getMessage());
		schedule(wait);
	}

	// restart() handles its own failures (it schedules the next attempt), so the future
	// has nothing to report
	@SuppressWarnings("FutureReturnValueIgnored")
	private void schedule(Duration wait) {
		ScheduledExecutorService scheduler = this.restarts;
		if (scheduler == null) {
			return;
		}
		try {
			scheduler.schedule(this::restart, wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the relay is stopping
			log.debug("Source '{}': no restart, the relay stops", this.source.name());
		}
	}

	private Executor requireEngines() {
		Executor executor = this.engines;
		if (executor == null) {
			throw new IllegalStateException("Source '" + this.source.name() + "' was never started");
		}
		return executor;
	}

}
