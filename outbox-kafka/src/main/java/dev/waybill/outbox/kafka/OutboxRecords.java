package dev.waybill.outbox.kafka;

import java.nio.charset.StandardCharsets;

import dev.waybill.contract.EventEnvelope;
import dev.waybill.contract.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads the outbox event a Kafka record carries, by the wire contract.
 */
public final class OutboxRecords {

	private OutboxRecords() {
	}

	/**
	 * @param record a record published by the relay, with string key and value
	 * @return its envelope
	 * @throws PoisonRecordException when a header, the key or the value is missing or
	 * malformed: it goes to the dead-letter topic, not to a retry
	 */
	public static EventEnvelope envelope(ConsumerRecord<String, String> record) {
		String where = record.topic() + "-" + record.partition() + "@" + record.offset();
		try {
			return EventEnvelope.read(record.topic(), where, record.key(), record.value(), (name) -> {
				Header header = record.headers().lastHeader(name);
				return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8)
						: null;
			});
		}
		catch (MalformedEventException ex) {
			throw new PoisonRecordException(String.valueOf(ex.getMessage()), ex);
		}
	}

}
