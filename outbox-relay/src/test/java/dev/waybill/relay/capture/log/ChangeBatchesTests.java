package dev.waybill.relay.capture.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.waybill.relay.publish.OutboxRow;
import dev.waybill.relay.publish.Position;
import dev.waybill.relay.publish.PublicationException;
import dev.waybill.relay.publish.Publisher;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the engine's batches reach publish: rows decoded, the position of the batch's last
 * change, the batch marked processed only once published, and a halt that waits for the
 * batch in flight.
 */
class ChangeBatchesTests {

	private final RecordingPublisher publisher = new RecordingPublisher();

	private final List<Long> lingered = new ArrayList<>();

	private final ChangeBatches batches = new ChangeBatches(this.publisher, new EngineOffset("orders"),
			new Linger(Duration.ofMillis(20), Duration.ofMillis(5), 3, () -> 0, this.lingered::add));

	private final RecordingCommitter committer = new RecordingCommitter();

	@Test
	void publishesTheInsertedRowsWithThePositionOfTheLastChangeThenMarksTheBatch() throws Exception {
		List<RecordChangeEvent<SourceRecord>> changes = List.of(insert(1), insert(2), heartbeat(3));

		this.batches.handleBatch(changes, this.committer);

		assertThat(this.publisher.batches).hasSize(1);
		assertThat(this.publisher.batches.get(0)).extracting(OutboxRow::aggregateId).containsExactly("o-1", "o-2");
		assertThat(new String(this.publisher.positions.get(0).value(), StandardCharsets.UTF_8))
			.isEqualTo("{\"lsn\":3}");
		assertThat(this.committer.processed).containsExactlyElementsOf(changes);
		assertThat(this.committer.finished).isTrue();
	}

	@Test
	void aBatchOfHeartbeatsAloneStillMovesThePosition() throws Exception {
		this.batches.handleBatch(List.of(heartbeat(7)), this.committer);

		assertThat(this.publisher.batches.get(0)).isEmpty();
		assertThat(new String(this.publisher.positions.get(0).value(), StandardCharsets.UTF_8))
			.isEqualTo("{\"lsn\":7}");
		assertThat(this.committer.finished).isTrue();
	}

	@Test
	void lingersAfterABatchThatWasNotFullOnceTheSourceIsBusy() throws Exception {
		// 201 events while the clock stands still: more than the 200 in a second from
		// which a 20 ms linger applies; full batches never linger themselves
		for (int batch = 0; batch < 67; batch++) {
			this.batches.handleBatch(List.of(insert(1), insert(2), insert(3)), this.committer);
		}
		assertThat(this.lingered).isEmpty();

		this.batches.handleBatch(List.of(insert(4)), this.committer);

		assertThat(this.lingered).containsExactly(Duration.ofMillis(15).toNanos());
	}

	@Test
	void doesNotLingerWhileTheSourceIsQuiet() throws Exception {
		this.batches.handleBatch(List.of(insert(1)), this.committer);

		assertThat(this.publisher.batches).hasSize(1);
		assertThat(this.lingered).isEmpty();
	}

	@Test
	void doesNotLingerAfterAFullBatch() throws Exception {
		this.batches.handleBatch(List.of(insert(1), insert(2), insert(3)), this.committer);

		assertThat(this.publisher.batches).hasSize(1);
		assertThat(this.lingered).isEmpty();
	}

	@Test
	void aBatchThatFailsToPublishIsNotMarked() {
		this.publisher.failure = new PublicationException("broker gone", new RuntimeException());

		assertThatExceptionOfType(PublicationException.class)
			.isThrownBy(() -> this.batches.handleBatch(List.of(insert(1)), this.committer));

		assertThat(this.committer.processed).isEmpty();
		assertThat(this.committer.finished).isFalse();
		assertThat(this.lingered).isEmpty();
	}

	@Test
	void aHaltedConsumerPublishesAndMarksNothing() throws Exception {
		this.batches.halt();

		this.batches.handleBatch(List.of(insert(1)), this.committer);

		assertThat(this.publisher.batches).isEmpty();
		assertThat(this.committer.processed).isEmpty();
		assertThat(this.lingered).isEmpty();
	}

	@Test
	void haltWaitsForTheBatchInFlightToFinish() throws Exception {
		this.publisher.inPublish = new CountDownLatch(1);
		this.publisher.release = new CountDownLatch(1);
		Thread engine = new Thread(() -> handle(List.of(insert(1))));
		engine.start();
		assertThat(this.publisher.inPublish.await(10, TimeUnit.SECONDS)).isTrue();
		CountDownLatch halted = new CountDownLatch(1);
		Thread stopper = new Thread(() -> {
			this.batches.halt();
			halted.countDown();
		});
		stopper.start();

		assertThat(halted.await(200, TimeUnit.MILLISECONDS)).as("halt() returned during the batch").isFalse();
		this.publisher.release.countDown();

		assertThat(halted.await(10, TimeUnit.SECONDS)).isTrue();
		engine.join(10_000);
		assertThat(this.committer.finished).isTrue();
	}

	private void handle(List<RecordChangeEvent<SourceRecord>> changes) {
		try {
			this.batches.handleBatch(changes, this.committer);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static RecordChangeEvent<SourceRecord> insert(long lsn) {
		Schema row = SchemaBuilder.struct()
			.optional()
			.field("id", Schema.STRING_SCHEMA)
			.field("aggregateid", Schema.STRING_SCHEMA)
			.build();
		Schema envelope = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("after", row).build();
		Struct value = new Struct(envelope).put("op", "c")
			.put("after", new Struct(row).put("id", "e-" + lsn).put("aggregateid", "o-" + lsn));
		return change(new SourceRecord(Map.of("server", "orders"), Map.of("lsn", lsn), "orders", envelope, value));
	}

	private static RecordChangeEvent<SourceRecord> heartbeat(long lsn) {
		return change(
				new SourceRecord(Map.of("server", "orders"), Map.of("lsn", lsn), "__debezium-heartbeat", null, null));
	}

	private static RecordChangeEvent<SourceRecord> change(SourceRecord record) {
		return () -> record;
	}

	private static final class RecordingPublisher implements Publisher {

		private final List<List<OutboxRow>> batches = new ArrayList<>();

		private final List<Position> positions = new ArrayList<>();

		private @Nullable RuntimeException failure;

		private @Nullable CountDownLatch inPublish;

		private @Nullable CountDownLatch release;

		@Override
		public void open() {
		}

		@Override
		public void publish(List<OutboxRow> rows, Position position) {
			if (this.failure != null) {
				throw this.failure;
			}
			if (this.inPublish != null && this.release != null) {
				this.inPublish.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.batches.add(rows);
			this.positions.add(position);
		}

		@Override
		public void close() {
		}

	}

	private static final class RecordingCommitter
			implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {

		private final List<RecordChangeEvent<SourceRecord>> processed = new ArrayList<>();

		private volatile boolean finished;

		@Override
		public void markProcessed(RecordChangeEvent<SourceRecord> record) {
			this.processed.add(record);
		}

		@Override
		public void markBatchFinished() {
			this.finished = true;
		}

		@Override
		public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
			this.processed.add(record);
		}

		@Override
		public DebeziumEngine.Offsets buildOffsets() {
			throw new UnsupportedOperationException();
		}

	}

}
