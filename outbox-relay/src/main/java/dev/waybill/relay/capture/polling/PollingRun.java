package dev.waybill.relay.capture.polling;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import dev.waybill.relay.capture.Run;
import dev.waybill.relay.Source;
import dev.waybill.relay.publish.Publisher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a source's poller. Each batch: in one database transaction, lock up to
 * {@code max-batch-size} unpublished rows in sequence ({@code FOR UPDATE SKIP LOCKED}),
 * publish them with a position record naming them (one Kafka transaction in exactly-once
 * mode), mark them published, commit.
 *
 * <p>
 * Before its first batch the run takes the source's advisory lock (a second relay cannot
 * start polling, so per-aggregate order holds), then opens its producer (which fences an
 * older one), then marks the rows of the last batch committed in Kafka, which a crash may
 * have left unmarked. Together these give exactly-once publication.
 */
final class PollingRun implements Run {

	private static final Logger log = LoggerFactory.getLogger(PollingRun.class);

	private static final long STOP_TIMEOUT_SECONDS = 30;

	private final Source source;

	private final PollingSettings settings;

	private final Publisher publisher;

	private final PollPosition positions;

	private final Sessions sessions;

	private final PollPosition.Committed committed;

	private final PolledBatches batches;

	private final BiConsumer<Run, Throwable> onFailure;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private volatile boolean polling;

	private volatile @Nullable Throwable failure;

	private @Nullable PollingSession session;

	PollingRun(Source source, PollingSettings settings, Publisher publisher, BiConsumer<Run, Throwable> onFailure) {
		this(source, settings, publisher, JdbcPollingSession::open, settings.offsets()::committedPosition, onFailure);
	}

	// the database and the offsets topic replaceable, for tests without either
	PollingRun(Source source, PollingSettings settings, Publisher publisher, Sessions sessions,
			PollPosition.Committed committed, BiConsumer<Run, Throwable> onFailure) {
		this.source = source;
		this.sessions = sessions;
		this.committed = committed;
		this.settings = settings;
		this.publisher = publisher;
		this.positions = new PollPosition(source.name(), source.table());
		this.batches = new PolledBatches(publisher, this.positions);
		this.onFailure = onFailure;
	}

	@Override
	public void start(Executor executor) {
		try {
			PollingSession opened = this.sessions.open(this.source);
			this.session = opened;
			this.publisher.open();
			markLastCommittedBatch(opened);
		}
		catch (SQLException | RuntimeException ex) {
			stop();
			throw new IllegalStateException(
					"Source '" + this.source.name() + "' failed to start polling: " + ex.getMessage(), ex);
		}
		this.polling = true;
		executor.execute(this::pollUntilStopped);
	}

	@Override
	public void stop() {
		this.stopping.countDown();
		if (this.polling) {
			awaitFinished();
		}
		PollingSession current = this.session;
		if (current != null) {
			current.close();
		}
		this.publisher.close();
	}

	@Override
	public boolean isStreaming() {
		return this.polling && !this.finished.isDone();
	}

	@Override
	public @Nullable Throwable failure() {
		return this.failure;
	}

	private void markLastCommittedBatch(PollingSession opened) throws SQLException {
		int marked = this.positions.markLastCommitted(opened, this.committed);
		if (marked > 0) {
			log.info("Source '{}': marked {} rows published that the last run published but had not marked",
					this.source.name(), marked);
		}
	}

	private void pollUntilStopped() {
		try {
			while (!isStopping()) {
				if (pollOnce() < this.settings.maxBatchSize()) {
					this.stopping.await(this.settings.interval().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (SQLException | RuntimeException ex) {
			if (!isStopping()) {
				this.failure = ex;
				log.error("Source '{}' stopped polling", this.source.name(), ex);
				this.onFailure.accept(this, ex);
			}
		}
		finally {
			this.finished.complete(null);
		}
	}

	private int pollOnce() throws SQLException {
		return this.batches.publish(requireSession(),
				(session) -> session.lockUnpublished(this.settings.maxBatchSize()));
	}

	private boolean isStopping() {
		return this.stopping.getCount() == 0;
	}

	private void awaitFinished() {
		try {
			this.finished.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Source '{}': the poller did not stop within {} s", this.source.name(), STOP_TIMEOUT_SECONDS);
		}
	}

	/** Opens a source's polling session. */
	@FunctionalInterface
	interface Sessions {

		PollingSession open(Source source) throws SQLException;

	}

	private PollingSession requireSession() {
		PollingSession current = this.session;
		if (current == null) {
			throw new IllegalStateException("Source '" + this.source.name() + "' is not started");
		}
		return current;
	}

}
