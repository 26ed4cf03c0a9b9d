package dev.waybill.relay.capture.log;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

import dev.waybill.contract.WireContract;
import dev.waybill.relay.RelayProperties.LostSlot;
import dev.waybill.relay.Source;
import dev.waybill.relay.capture.CaptureRecord;
import dev.waybill.relay.capture.Preflight;
import dev.waybill.relay.capture.PreflightException;
import dev.waybill.relay.capture.polling.Handover;
import dev.waybill.relay.publish.Publisher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The point from which log capture is responsible for a source's outbox table, made to
 * hold before the engine streams. Every row committed before the slot's consistent point
 * is either marked published already or published here, from the slot's own exported
 * snapshot, in sequence; every row committed after it is in the slot. Only then is
 * {@code LOG} recorded with the boundary ({@link CaptureRecord}), which is what lets the
 * services' cleanup delete rows the relay has not marked.
 *
 * <p>
 * So a relay deployed after its services publishes what they wrote before, a relay that
 * replaces a poller takes over where it stopped, and a boundary is never recorded for a
 * slot that does not exist. A recorded boundary whose slot is gone stops the source
 * ({@link LostSlot}): the slot was the only copy of the events committed since.
 */
final class LogBoundary {

	private static final Logger log = LoggerFactory.getLogger(LogBoundary.class);

	private final Source source;

	private final LogSettings settings;

	private final Supplier<Publisher> publishers;

	LogBoundary(Source source, LogSettings settings, Supplier<Publisher> publishers) {
		this.source = source;
		this.settings = settings;
		this.publishers = publishers;
	}

	/**
	 * Makes sure the source's slot exists and its boundary is recorded, publishing the
	 * rows before the boundary first when it is not.
	 * @throws IllegalStateException when the boundary cannot be established, naming why
	 */
	void establish() {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(this.source.connectionUrl(), true);
		dataSource.setConnectionProperties(this.source.connectionProperties());
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			CaptureRecord recorded = CaptureRecord.read(this.source, jdbc);
			ReplicationSlot slot = ReplicationSlot.find(jdbc, this.source.slot());
			if (slot != null && !slot.database().equals(this.source.resolvedDatabase())) {
				// slot names are the server's, not the database's
				throw new PreflightException(prefix() + "slot '" + slot.name() + "' belongs to database '"
						+ slot.database() + "': give this source a slot-name of its own");
			}
			if (recorded != null && recorded.isLog() && holds(recorded, slot, jdbc)) {
				return;
			}
			takeOver(jdbc, slot);
		}
		catch (DataAccessException | SQLException ex) {
			throw new IllegalStateException("Source '" + this.source.name() + "': cannot establish where log capture"
					+ " takes over " + this.source.table() + ": " + ex.getMessage(), ex);
		}
		finally {
			dataSource.destroy();
		}
	}

	private boolean holds(CaptureRecord recorded, @Nullable ReplicationSlot slot, JdbcTemplate jdbc) {
		if (recorded.slot() != null && !recorded.slot().equals(this.source.slot())) {
			throw new PreflightException(prefix() + "it is captured through slot '" + recorded.slot()
					+ "', not the configured '" + this.source.slot() + "': set slot-name back to '" + recorded.slot()
					+ "'. A new slot would start where it is created, and what the old one holds would be lost");
		}
		if (slot == null) {
			if (this.source.lostSlot() == LostSlot.REFUSE) {
				throw lost(recorded);
			}
			log.warn("{}slot '{}' is gone; publishing again every row still in the table that is not marked"
					+ " published (lost-slot=REPUBLISH)", prefix(), this.source.slot());
			CaptureRecord.forget(this.source, jdbc);
			return false;
		}
		long boundary = ReplicationSlot.lsn(boundaryOf(recorded, slot, jdbc));
		new SlotPosition(this.source, prefix()).check(boundary, slot, this.settings.offsets(), jdbc);
		return true;
	}

	private String boundaryOf(CaptureRecord recorded, ReplicationSlot slot, JdbcTemplate jdbc) {
		String boundary = recorded.boundary();
		if (boundary != null) {
			return boundary;
		}
		// recorded by a relay that predates boundaries, which streamed this slot
		CaptureRecord.recordLog(this.source, slot.confirmedFlush(), jdbc);
		log.info("{}recorded the boundary of slot '{}' at {}, where it stands", prefix(), slot.name(),
				slot.confirmedFlush());
		return slot.confirmedFlush();
	}

	private PreflightException lost(CaptureRecord recorded) {
		return new PreflightException(prefix() + "log capture took over at " + recorded.boundary() + " through slot '"
				+ this.source.slot() + "', which no longer exists (dropped, or not carried over by a failover): the"
				+ " events committed since the relay last confirmed it, and not yet published, were only in it."
				+ " Either set waybill.relay.sources[" + this.source.name() + "].lost-slot=REPUBLISH to publish again"
				+ " every row still in the table (consumers' inboxes drop the repeats; rows the cleanup deleted are"
				+ " gone), or, to accept the gap, DELETE FROM " + WireContract.captureTableBeside(this.source.table())
				+ " WHERE outbox_table = '" + this.source.table() + "'::regclass after marking the retained rows"
				+ " published (UPDATE " + this.source.table()
				+ " SET published_at = now() WHERE published_at IS NULL)");
	}

	private void takeOver(JdbcTemplate jdbc, @Nullable ReplicationSlot stale) throws SQLException {
		// the poller's lock: no poller of this table runs while the boundary moves
		try (Publisher publisher = this.publishers.get();
				Handover handover = Handover.take(this.source, this.settings.offsets(), this.settings.maxBatchSize(),
						publisher)) {
			if (stale != null) {
				// no boundary was recorded with it, so nothing was streamed from it
				ReplicationSlot.drop(jdbc, stale.name());
			}
			requireMayRead(jdbc);
			String boundary;
			List<Long> backlog;
			try (ReplicationSlot.Created created = ReplicationSlot.create(this.source)) {
				boundary = created.consistentPoint();
				backlog = handover.unpublishedIn(created.snapshot());
			}
			long published = publishBacklog(handover, backlog, jdbc);
			publisher.publish(List.of(), new EngineOffset(this.source.name()).removal());
			CaptureRecord.recordLog(this.source, boundary, jdbc);
			log.info("{}created slot '{}' at {}; published the {} rows committed before it that were not marked"
					+ " published", prefix(), this.source.slot(), boundary, published);
		}
	}

	// the rows committed before the slot, read in its exported snapshot
	private long publishBacklog(Handover handover, List<Long> backlog, JdbcTemplate jdbc) throws SQLException {
		if (!backlog.isEmpty()) {
			requireMayMark(jdbc);
		}
		return handover.publish(backlog);
	}

	// the backlog is read and marked as a poller reads and marks rows
	private void requireMayRead(JdbcTemplate jdbc) {
		if (!Preflight.mayUse(jdbc, this.source.table(), "SELECT")) {
			throw missing("SELECT it");
		}
	}

	private void requireMayMark(JdbcTemplate jdbc) {
		if (!Preflight.mayUpdate(jdbc, this.source.table(), WireContract.COLUMN_PUBLISHED_AT)) {
			throw missing("UPDATE its published_at");
		}
	}

	private PreflightException missing(String privilege) {
		return new PreflightException(prefix() + "role '" + this.source.username() + "' may not " + privilege
				+ ", which log capture needs to publish the rows committed before its slot and mark them published: "
				+ Preflight.readAndMarkGrant(this.source));
	}

	private String prefix() {
		return "Source '" + this.source.name() + "': " + this.source.table() + ": ";
	}

}
