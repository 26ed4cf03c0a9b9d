package dev.waybill.relay.capture.log;

import java.util.List;

import dev.waybill.contract.WireContract;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayRunner;
import dev.waybill.relay.TopicReader;
import dev.waybill.stack.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A test's outbox database as the relay's capture leaves it: the capture record, the rows
 * not marked published, the slot, and the events on the topic of aggregate type
 * {@code boundary}.
 *
 * @param stack the stack
 * @param outbox the database
 */
record CapturedOutbox(EmbeddedStack stack, OutboxDatabase outbox) {

	static final String AGGREGATE_TYPE = "boundary";

	private static final String UNPUBLISHED = "SELECT count(*) FROM outbox_event WHERE published_at IS NULL";

	private static final String RECORD = "SELECT capture || ' ' || coalesce(slot_name, '-') || ' '"
			+ " || coalesce(boundary_lsn::text, '-') FROM outbox_capture";

	/**
	 * @return the capture records, as {@code capture slot boundary}, {@code -} for none
	 */
	List<String> records() {
		return jdbc().queryForList(RECORD, String.class);
	}

	long unpublished() {
		return jdbc().queryForObject(UNPUBLISHED, Long.class);
	}

	/** Runs SQL as the superuser: the service's role may not manage replication slots. */
	void asSuperuser(String sql) {
		this.stack.postgres().execute(this.outbox.name(), sql);
	}

	TopicReader reader(RelayRunner relay) {
		return new TopicReader(this.stack.bootstrapServers(), relay.topicPrefix().replace(".", "\\.") + AGGREGATE_TYPE);
	}

	DriverManagerDataSource dataSource() {
		return new DriverManagerDataSource(this.stack.jdbcUrl(this.outbox.database()), this.outbox.database().user(),
				this.outbox.database().password());
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/**
	 * @return the event ids of records read or rows written
	 */
	static List<String> ids(List<?> recordsOrRows) {
		return recordsOrRows.stream()
			.map((item) -> (item instanceof Row row) ? row.id().toString()
					: TopicReader.header((ConsumerRecord<?, ?>) item, WireContract.HEADER_ID))
			.toList();
	}

}
