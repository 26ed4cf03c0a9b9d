package dev.waybill.relay.capture.polling;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.waybill.relay.publish.Position;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The poller's position in the offsets topic: the sequence numbers of the rows of its
 * last batch, written in the batch's Kafka transaction.
 *
 * <p>
 * Marking rows published happens in the database after the Kafka commit, so a relay that
 * dies between the two leaves a batch published but unmarked. Only the last batch can be
 * in that state (one poller per source, one batch at a time), and its rows are the ones
 * this record names: a new run marks them before it polls, so they are not published
 * twice.
 */
final class PollPosition {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final String SEQUENCE_NUMBERS = "sequenceNumbers";

	private final byte[] key;

	PollPosition(String source, String table) {
		this.key = json(List.of(source, Map.of("polling", table)));
	}

	Position of(List<Long> sequenceNumbers) {
		return new Position(this.key, json(Map.of(SEQUENCE_NUMBERS, sequenceNumbers)));
	}

	/**
	 * @return the sequence numbers of the last batch committed in Kafka, none if there
	 * was none
	 */
	List<Long> lastCommitted(Committed committed) {
		JsonNode position = committed.position(this.key);
		if (position == null) {
			return List.of();
		}
		JsonNode numbers = position.path(SEQUENCE_NUMBERS);
		List<Long> sequenceNumbers = new ArrayList<>(numbers.size());
		numbers.forEach((number) -> sequenceNumbers.add(number.asLong()));
		return sequenceNumbers;
	}

	/**
	 * Marks the rows of the last batch committed in Kafka published, which a relay that
	 * died between the Kafka commit and the database commit left unmarked, and commits.
	 * @return how many rows were not marked yet
	 */
	int markLastCommitted(PollingSession session, Committed committed) throws SQLException {
		int marked = session.markPublished(lastCommitted(committed));
		session.commit();
		return marked;
	}

	/** Reads a key's last committed position from the offsets topic. */
	@FunctionalInterface
	interface Committed {

		/**
		 * @param key the position's key
		 * @return its last committed value, {@code null} when there is none
		 */
		@Nullable JsonNode position(byte[] key);

	}

	private static byte[] json(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

}
