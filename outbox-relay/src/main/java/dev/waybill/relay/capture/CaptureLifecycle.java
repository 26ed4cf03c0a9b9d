package dev.waybill.relay.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Starts every source's engine once the context is ready, and on shutdown stops reading,
 * lets the batch in flight commit or abort, and closes each engine and producer.
 */
final class CaptureLifecycle implements SmartLifecycle {

	private final List<SourceCapture> captures;

	private final List<SourceCapture> started = new ArrayList<>();

	private @Nullable ExecutorService executor;

	CaptureLifecycle(List<SourceCapture> captures) {
		this.captures = List.copyOf(captures);
	}

	@Override
	public synchronized void start() {
		ExecutorService engines = Executors.newFixedThreadPool(this.captures.size(), engineThreads());
		this.executor = engines;
		try {
			for (SourceCapture capture : this.captures) {
				capture.start(engines);
				this.started.add(capture);
			}
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	@Override
	public synchronized void stop() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).stop();
		}
		this.started.clear();
		ExecutorService engines = this.executor;
		this.executor = null;
		if (engines != null) {
			engines.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	List<SourceCapture> captures() {
		return this.captures;
	}

	private static ThreadFactory engineThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> new Thread(runnable, "relay-engine-" + count.incrementAndGet());
	}

}
