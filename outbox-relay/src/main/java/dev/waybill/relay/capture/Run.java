package dev.waybill.relay.capture;

import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * One run of a source's capture with its own producer, started and stopped together. A
 * run that fails after it streamed tells its owner once, through the callback it was
 * created with; it is never started again: the owner starts a new run.
 */
interface Run {

	/**
	 * Starts the run; returns once it streams.
	 * @param executor runs the capture
	 * @throws IllegalStateException when it cannot start, after releasing what it took
	 */
	void start(Executor executor);

	/** Stops reading, lets the batch in flight commit or abort, and releases all. */
	void stop();

	boolean isStreaming();

	/**
	 * @return why the run ended after it had streamed, or {@code null} while it runs
	 */
	@Nullable Throwable failure();

	/** Creates the runs of one source. */
	@FunctionalInterface
	interface Factory {

		/**
		 * @param onFailure told once when the run fails after it streamed
		 * @return a run that is not started yet
		 */
		Run create(BiConsumer<Run, Throwable> onFailure);

	}

}
