package dev.waybill.relay.publish;

import java.util.List;

/**
 * Publishes one source's batches of outbox rows, each together with the position it
 * brings the source to: in exactly-once mode in one Kafka transaction, so that the rows
 * and the position are visible to {@code read_committed} readers together or not at all;
 * at least once otherwise (the rows acknowledged before the position is written). Every
 * capture publishes through it, whatever it read the rows from.
 */
public interface Publisher extends AutoCloseable {

	/**
	 * Prepares the producer; in exactly-once mode this fences an older relay with the
	 * same transactional id and aborts its open transaction. Call it before the source
	 * reads its position: only committed positions count.
	 */
	void open();

	/**
	 * Routes the rows and publishes them with the position; returns once both are durable
	 * in Kafka.
	 * @param rows the rows, in the order to publish them; may be empty, to move the
	 * position alone
	 * @param position where the source stands once these rows are published
	 * @throws PublicationException when they could not be published; nothing of the batch
	 * is then visible to {@code read_committed} readers
	 */
	void publish(List<OutboxRow> rows, Position position);

	/** Closes the producer. */
	@Override
	void close();

}
