package dev.waybill.relay.capture.log;

import dev.waybill.relay.Source;
import dev.waybill.relay.capture.PreflightException;
import dev.waybill.relay.offsets.OffsetsTopic;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay's committed position set against its slot and the server's log. The relay
 * confirms a position to the slot only once it is committed in Kafka, so the slot never
 * runs ahead of the relay's position, and that position never runs ahead of the server's
 * log. Either would mean events lost: consumed from the slot by someone else, or a
 * database restored to an older point (or another database) whose log no longer holds
 * what the relay already published. A position from before the boundary belongs to an
 * earlier slot and is not the engine's to start from.
 */
final class SlotPosition {

	private final Source source;

	private final String prefix;

	/**
	 * @param source the source
	 * @param prefix what starts each refusal, naming the source and its table
	 */
	SlotPosition(Source source, String prefix) {
		this.source = source;
		this.prefix = prefix;
	}

	/**
	 * @param boundary where log capture took over the table
	 * @param slot the source's slot
	 * @param offsets where the relay commits its positions
	 * @param jdbc a connection to the source's database
	 * @throws PreflightException when the slot or the server's log is behind or ahead of
	 * what they may be
	 */
	void check(long boundary, ReplicationSlot slot, OffsetsTopic offsets, JdbcTemplate jdbc) {
		Long committed = new EngineOffset(this.source.name()).committedLsn(offsets);
		if (committed == null || committed < boundary) {
			return;
		}
		long confirmed = ReplicationSlot.lsn(slot.confirmedFlush());
		if (confirmed > committed) {
			throw new PreflightException(this.prefix + "slot '" + slot.name() + "' was confirmed up to "
					+ slot.confirmedFlush() + ", past the position the relay last committed in Kafka ("
					+ (confirmed - committed) + " bytes of log earlier): something else consumed or advanced it, and"
					+ " the events in between were not published. Find what did; to publish the retained rows again,"
					+ " drop the slot and start with lost-slot=REPUBLISH");
		}
		long written = ReplicationSlot.currentWalLsn(jdbc);
		if (committed > written) {
			throw new PreflightException(this.prefix + "the relay last committed a position " + (committed - written)
					+ " bytes of log beyond what this server has written: the database was restored to an earlier"
					+ " point, or is not the one the relay read. Events it commits now would reuse positions the"
					+ " relay has passed and be skipped; recreate the slot and start with lost-slot=REPUBLISH, after"
					+ " dropping it");
		}
	}

}
