package dev.waybill.relay.capture;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * One run of a source's capture with its own producer, started and stopped together. A
 * run that fails after it streamed tells its owner once, through the callback it was
 * created with; it is never started again: the owner starts a new run.
 */
public interface Run {

	/**
	 * Starts the run; returns once it streams.
	 * @param executor runs the capture
	 * @throws IllegalStateException when it cannot start, after releasing what it took
	 */
	void start(Executor executor);

	/** Stops reading, lets the batch in flight commit or abort, and releases all. */
	void stop();

	/**
	 * @return whether it has started and has not ended
	 */
	boolean isStreaming();

	/**
	 * @return why the run ended after it had streamed, or {@code null} while it runs
	 */
	@Nullable Throwable failure();

}
