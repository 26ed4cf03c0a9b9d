package dev.waybill.relay.publish;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends one batch and its offset record, and returns only once both are durable in Kafka;
 * throws if they are not.
 */
interface Sender extends AutoCloseable {

	void open();

	void send(List<ProducerRecord<byte[], byte[]>> records, ProducerRecord<byte[], byte[]> offset);

	@Override
	void close();

}
