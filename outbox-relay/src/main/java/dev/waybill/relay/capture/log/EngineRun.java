package dev.waybill.relay.capture.log;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import dev.waybill.relay.Source;
import dev.waybill.relay.capture.Run;
import dev.waybill.relay.publish.Publisher;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a source's Debezium engine with its own publisher (and producer), started
 * and stopped together, once the source's boundary holds ({@link LogBoundary}).
 */
final class EngineRun implements Run {

	private static final Logger log = LoggerFactory.getLogger(EngineRun.class);

	private static final long STOP_TIMEOUT_SECONDS = 30;

	private final Source source;

	private final LogSettings settings;

	private final ChangeBatches batches;

	private final LogBoundary boundary;

	private final BiConsumer<Run, Throwable> onFailure;

	private volatile @Nullable Throwable failure;

	private final CompletableFuture<Void> streaming = new CompletableFuture<>();

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private volatile boolean stopping;

	private @Nullable DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

	EngineRun(Source source, LogSettings settings, Publisher publisher, LogBoundary boundary,
			BiConsumer<Run, Throwable> onFailure) {
		this.source = source;
		this.settings = settings;
		this.batches = new ChangeBatches(publisher, new EngineOffset(source.name()), Linger.of(settings));
		this.boundary = boundary;
		this.onFailure = onFailure;
	}

	@Override
	public void start(Executor executor) {
		// before the engine: what the slot does not hold is published first
		this.boundary.establish();
		// before the offsets are read: fences an older relay and aborts its open
		// transaction, so that read_committed readers see the true last offset
		Map<ByteBuffer, ByteBuffer> committed;
		try {
			this.batches.open();
			committed = this.settings.offsets().committedPositions();
		}
		catch (RuntimeException ex) {
			this.batches.close();
			throw new IllegalStateException(
					"Source '" + this.source.name() + "': the Kafka producer could not start or the offsets topic "
							+ "could not be read: " + ex.getMessage(),
					ex);
		}
		DebeziumEngine<RecordChangeEvent<SourceRecord>> built = build(committed);
		this.engine = built;
		executor.execute(built);
		awaitStreaming();
	}

	private DebeziumEngine<RecordChangeEvent<SourceRecord>> build(Map<ByteBuffer, ByteBuffer> committed) {
		return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
			.using(EngineConfiguration.forRun(this.source, this.settings, committed))
			.notifying(this.batches)
			.using(new DebeziumEngine.ConnectorCallback() {
				@Override
				public void pollingStarted() {
					EngineRun.this.streaming.complete(null);
				}
			})
			.using(this::completed)
			.build();
	}

	@Override
	public void stop() {
		this.stopping = true;
		this.batches.halt();
		closeEngine();
		try {
			this.finished.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Source '{}': the engine did not stop within {} s", this.source.name(), STOP_TIMEOUT_SECONDS);
		}
		finally {
			this.batches.close();
		}
	}

	@Override
	public boolean isStreaming() {
		return this.streaming.isDone() && !this.streaming.isCompletedExceptionally() && !this.finished.isDone();
	}

	@Override
	public @Nullable Throwable failure() {
		return this.failure;
	}

	private void awaitStreaming() {
		try {
			this.streaming.get(this.settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			stop();
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException(
					"Source '" + this.source.name() + "' failed to start streaming: " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			stop();
			throw new IllegalStateException("Source '" + this.source.name() + "' did not start streaming within "
					+ this.settings.startupTimeout(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop();
			throw new IllegalStateException("Interrupted while starting source '" + this.source.name() + "'", ex);
		}
	}

	private void completed(boolean success, String message, @Nullable Throwable error) {
		this.finished.complete(null);
		if (!this.stopping) {
			Throwable failure = (error != null) ? error : new IllegalStateException(message);
			log.error("Source '{}' stopped: {}", this.source.name(), message, failure);
			// false once the run had streamed: only such a failure is the owner's to
			// recover; one during start() reaches the caller of start()
			if (!this.streaming.completeExceptionally(failure)) {
				this.failure = failure;
				this.onFailure.accept(this, failure);
			}
		}
	}

	private void closeEngine() {
		DebeziumEngine<RecordChangeEvent<SourceRecord>> running = this.engine;
		if (running == null || this.finished.isDone()) {
			return;
		}
		// the engine refuses close() while its tasks start; that phase is short
		for (int attempt = 0; attempt < 100; attempt++) {
			try {
				running.close();
				return;
			}
			catch (IllegalStateException ex) {
				if (this.finished.isDone()) {
					return;
				}
				pause();
			}
			catch (Exception ex) {
				log.warn("Source '{}': closing the engine failed", this.source.name(), ex);
				return;
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
