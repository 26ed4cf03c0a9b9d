package dev.waybill.relay.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

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

	AcknowledgedSender(Producer<byte[], byte[]> producer) {
		this.producer = producer;
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
