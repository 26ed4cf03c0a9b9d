package dev.waybill.relay.publish;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Both senders against Kafka's {@link MockProducer}: what reaches the log, in which
 * order, and what becomes of a failed batch.
 */
class SendersTests {

	private static final ProducerRecord<byte[], byte[]> EVENT = new ProducerRecord<>("outbox.event.order",
			"o-1".getBytes(), "{}".getBytes());

	private static final ProducerRecord<byte[], byte[]> POSITION = new ProducerRecord<>("offsets", "k".getBytes(),
			"p".getBytes());

	@Test
	void aTransactionalSenderCommitsTheEventsAndThePositionInOneTransaction() {
		MockProducer<byte[], byte[]> producer = producer(true);
		TransactionalSender sender = opened(producer);

		sender.send(List.of(EVENT, EVENT), POSITION);

		assertThat(producer.transactionInitialized()).isTrue();
		assertThat(producer.transactionCommitted()).isTrue();
		assertThat(producer.history()).containsExactly(EVENT, EVENT, POSITION);
	}

	@Test
	void aTransactionalSenderAbortsABatchWhoseCommitFailedAndRethrows() {
		MockProducer<byte[], byte[]> producer = producer(true);
		TransactionalSender sender = opened(producer);
		producer.commitTransactionException = new KafkaException("coordinator unavailable");

		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> sender.send(List.of(EVENT), POSITION))
			.withMessage("coordinator unavailable");

		assertThat(producer.transactionAborted()).isTrue();
		assertThat(producer.transactionCommitted()).isFalse();
		assertThat(producer.history()).isEmpty();
	}

	@Test
	void aFencedTransactionalSenderNeitherCommitsNorTriesToAbort() {
		MockProducer<byte[], byte[]> producer = producer(true);
		TransactionalSender sender = opened(producer);
		producer.fenceProducer();

		assertThatExceptionOfType(ProducerFencedException.class)
			.isThrownBy(() -> sender.send(List.of(EVENT), POSITION));

		assertThat(producer.transactionCommitted()).isFalse();
		assertThat(producer.transactionAborted()).isFalse();
	}

	@Test
	void anAcknowledgingSenderWritesThePositionOnlyAfterEveryEventIsAcknowledged() {
		MockProducer<byte[], byte[]> producer = producer(true);
		AcknowledgedSender sender = new AcknowledgedSender(producer, () -> true);

		sender.send(List.of(EVENT, EVENT), POSITION);

		assertThat(producer.history()).containsExactly(EVENT, EVENT, POSITION);
	}

	@Test
	void anAcknowledgingSenderWritesNoPositionWhenAnEventIsNotAcknowledged() {
		MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
				new ByteArraySerializer()) {

			@Override
			public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
				return (record == EVENT) ? CompletableFuture.failedFuture(new KafkaException("not enough replicas"))
						: super.send(record);
			}

		};
		AcknowledgedSender sender = new AcknowledgedSender(producer, () -> true);

		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> sender.send(List.of(EVENT), POSITION))
			.withMessageContaining("not acknowledged")
			.withRootCauseInstanceOf(KafkaException.class);

		assertThat(producer.history()).isEmpty();
	}

	@Test
	void aTransactionalSenderThatMayNoLongerPublishAbortsTheBatchInsteadOfCommittingIt() {
		MockProducer<byte[], byte[]> producer = producer(true);
		TransactionalSender sender = new TransactionalSender(producer, () -> false);
		sender.open();

		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> sender.send(List.of(EVENT), POSITION))
			.withMessageContaining("no longer leads the source");

		assertThat(producer.transactionAborted()).isTrue();
		assertThat(producer.transactionCommitted()).isFalse();
		assertThat(producer.history()).isEmpty();
	}

	@Test
	void anAcknowledgingSenderThatMayNoLongerPublishWritesNoPosition() {
		MockProducer<byte[], byte[]> producer = producer(true);
		AcknowledgedSender sender = new AcknowledgedSender(producer, () -> false);

		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> sender.send(List.of(EVENT), POSITION))
			.withMessageContaining("no longer leads the source");

		assertThat(producer.history()).containsExactly(EVENT);
	}

	private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
		return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static TransactionalSender opened(MockProducer<byte[], byte[]> producer) {
		TransactionalSender sender = new TransactionalSender(producer, () -> true);
		sender.open();
		return sender;
	}

}
