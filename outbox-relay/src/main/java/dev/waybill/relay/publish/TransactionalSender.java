package dev.waybill.relay.publish;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka transaction per batch: the events, the dead letters and the offset record
 * become visible to {@code read_committed} readers together, or not at all.
 */
final class TransactionalSender implements Sender {

	private static final Logger log = LoggerFactory.getLogger(TransactionalSender.class);

	private final Producer<byte[], byte[]> producer;

	private final BooleanSupplier permitted;

	TransactionalSender(Producer<byte[], byte[]> producer, BooleanSupplier permitted) {
		this.producer = producer;
		this.permitted = permitted;
	}

	@Override
	public void open() {
		this.producer.initTransactions();
	}

	// the sends' futures are not needed: commitTransaction() throws if any send failed
	@Override
	@SuppressWarnings("FutureReturnValueIgnored")
	public void send(List<ProducerRecord<byte[], byte[]>> records, ProducerRecord<byte[], byte[]> offset) {
		this.producer.beginTransaction();
		try {
			for (ProducerRecord<byte[], byte[]> record : records) {
				this.producer.send(record);
			}
			this.producer.send(offset);
			requirePermitted();
			// flushes, and throws if any send failed
			this.producer.commitTransaction();
		}
		catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException ex) {
			// fatal for this producer: it cannot even abort; the next relay's
			// initTransactions() aborts the transaction
			throw ex;
		}
		catch (KafkaException ex) {
			abortAfter(ex);
			throw ex;
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

	// the last moment the relay can still keep a batch from read_committed readers: a
	// relay that lost its leadership while the batch was on its way commits nothing (the
	// caller aborts the transaction)
	private void requirePermitted() {
		if (!this.permitted.getAsBoolean()) {
			throw new KafkaException("the batch was aborted: this relay instance no longer leads the source, and the"
					+ " new leader publishes it");
		}
	}

	private void abortAfter(KafkaException failure) {
		try {
			this.producer.abortTransaction();
		}
		catch (KafkaException ex) {
			failure.addSuppressed(ex);
			log.debug("Aborting the failed transaction failed too; initTransactions() will abort it", ex);
		}
	}

}
