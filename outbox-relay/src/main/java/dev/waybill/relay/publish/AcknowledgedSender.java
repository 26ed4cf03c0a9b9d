package dev.waybill.relay.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * At-least-once: the batch is sent and every record acknowledged before the offset record
 * is written. A crash between the two publishes the batch again after restart.
 */
final class AcknowledgedSender implements Sender {

	private final Producer<byte[], byte[]> producer;

	private final BooleanSupplier permitted;

	AcknowledgedSender(Producer<byte[], byte[]> producer, BooleanSupplier permitted) {
		this.producer = producer;
		this.permitted = permitted;
	}

	@Override
	public void open() {
	}

	@Override
	public void send(List<ProducerRecord<byte[], byte[]>> records, ProducerRecord<byte[], byte[]> offset) {
		List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
		for (ProducerRecord<byte[], byte[]> record : records) {
			acks.add(this.producer.send(record));
		}
		this.producer.flush();
		for (Future<RecordMetadata> ack : acks) {
			await(ack);
		}
		if (!this.permitted.getAsBoolean()) {
			// the new leader starts from the position before this batch: its events are
			// published again, which at least once allows; none is lost
			throw new KafkaException("the position was not written: this relay instance no longer leads the source");
		}
		Future<RecordMetadata> offsetAck = this.producer.send(offset);
		// alone in its batch, the offset record would otherwise wait out linger.ms
		this.producer.flush();
		await(offsetAck);
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

	private static void await(Future<RecordMetadata> ack) {
		try {
			ack.get();
		}
		catch (ExecutionException ex) {
			throw new KafkaException("A record was not acknowledged", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptException(ex);
		}
	}

}
