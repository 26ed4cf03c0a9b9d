package dev.waybill.outbox.autoconfigure;

import java.time.Duration;

import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.WireContract;
import dev.waybill.outbox.jdbc.JdbcOutbox;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox and the inbox, under {@code waybill.outbox}. Invalid values stop
 * the application at startup.
 *
 * @param table the outbox table, optionally schema-qualified
 * @param inboxTable the table of processed event ids, optionally schema-qualified
 * @param cleanup how the outbox table is kept bounded; {@code retention} by default, see
 * {@link OutboxCleanup} for why
 * @param retention with {@code retention} cleanup, how long rows are kept; an hour by
 * default, long enough for a polling relay or an audit to see them and short enough that
 * the table holds one hour of writes
 * @param cleanupInterval with {@code retention} cleanup, the pause between runs of the
 * job
 * @param cleanupBatchSize the most rows one delete statement removes
 * @param initializeSchema whether to create the tables from the reference DDL at startup;
 * off by default because each service owns its schema through its own migrations
 */
@Validated
@ConfigurationProperties("waybill.outbox")
public record OutboxProperties(
		@DefaultValue(WireContract.OUTBOX_TABLE) @NotNull @Pattern(regexp = JdbcOutbox.TABLE_NAME_PATTERN,
				message = "must be a table name such as outbox_event or schema.outbox_event") String table,
		@DefaultValue(DEFAULT_INBOX_TABLE) @NotNull @Pattern(regexp = JdbcOutbox.TABLE_NAME_PATTERN,
				message = "must be a table name such as processed_event or schema.processed_event") String inboxTable,
		@DefaultValue("retention") @NotNull OutboxCleanup cleanup,
		@DefaultValue("PT1H") @NotNull @DurationMin(millis = 1) Duration retention,
		@DefaultValue("PT1M") @NotNull @DurationMin(millis = 1) Duration cleanupInterval,
		@DefaultValue("1000") @Min(1) @Max(100_000) int cleanupBatchSize,
		@DefaultValue("false") boolean initializeSchema) {

	/** The default table of processed event ids. */
	public static final String DEFAULT_INBOX_TABLE = "processed_event";

}
