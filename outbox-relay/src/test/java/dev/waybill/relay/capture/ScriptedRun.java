package dev.waybill.relay.capture;

import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Run} that streams, fails and stops as a test scripts it.
 */
final class ScriptedRun implements Run {

	private final BiConsumer<Run, Throwable> onFailure;

	private final @Nullable RuntimeException startFailure;

	private volatile @Nullable Throwable failure;

	private volatile boolean streaming;

	volatile boolean stopped;

	ScriptedRun(BiConsumer<Run, Throwable> onFailure, @Nullable RuntimeException startFailure,
			@Nullable RuntimeException failsWhileStarting) {
		this.onFailure = onFailure;
		this.startFailure = startFailure;
		this.failure = failsWhileStarting;
	}

	@Override
	public void start(java.util.concurrent.Executor executor) {
		if (this.startFailure != null) {
			throw this.startFailure;
		}
		this.streaming = this.failure == null;
		Throwable early = this.failure;
		if (early != null) {
			// as a real run: it reports a failure that happened before it was current
			this.onFailure.accept(this, early);
		}
	}

	void fail(Throwable error) {
		this.streaming = false;
		this.failure = error;
		this.onFailure.accept(this, error);
	}

	@Override
	public void stop() {
		this.stopped = true;
		this.streaming = false;
	}

	@Override
	public boolean isStreaming() {
		return this.streaming;
	}

	@Override
	public @Nullable Throwable failure() {
		return this.failure;
	}

}
