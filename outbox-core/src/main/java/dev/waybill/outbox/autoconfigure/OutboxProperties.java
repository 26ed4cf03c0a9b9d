package dev.waybill.outbox.autoconfigure;

import java.time.Duration;

import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.PayloadMapper;
import dev.waybill.contract.WireContract;
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
 * the application at startup with a message naming the property.
 *
 * <p>
 * The cleanup default is {@code retention} for an hour: see {@link OutboxCleanup} for
 * why.
 *
 * @param table Outbox table, optionally schema-qualified.
 * @param inboxTable Table of processed event ids, optionally schema-qualified.
 * @param cleanup How the outbox table is kept bounded: retention (a background job
 * deletes old rows), delete-after-insert (the writer deletes each row in its own
 * transaction; for CDC-only setups) or none.
 * @param retention How long outbox rows are kept with retention cleanup. An hour leaves
 * time for a polling relay, an audit or a person to see them, and bounds the table to an
 * hour of writes.
 * @param cleanupInterval Pause between runs of the retention job.
 * @param cleanupBatchSize Most rows one delete statement of the retention job removes.
 * @param schema Who creates the default outbox, inbox and capture tables: the library's
 * Flyway migrations with a history table of their own (the default), the reference DDL at
 * startup, or nobody (the service's own migrations).
 * @param payloadMapper Which JSON mapper writes payloads: the library's own, so that the
 * events do not change with the application's Jackson settings, or the application's.
 */
@Validated
@ConfigurationProperties("waybill.outbox")
public record OutboxProperties(
		@DefaultValue(WireContract.OUTBOX_TABLE) @NotNull @Pattern(regexp = WireContract.TABLE_NAME_PATTERN,
				message = "must be a table name such as outbox_event or schema.outbox_event") String table,
		@DefaultValue(DEFAULT_INBOX_TABLE) @NotNull @Pattern(regexp = WireContract.TABLE_NAME_PATTERN,
				message = "must be a table name such as processed_event or schema.processed_event") String inboxTable,
		@DefaultValue("retention") @NotNull OutboxCleanup cleanup,
		@DefaultValue("PT1H") @NotNull @DurationMin(millis = 1) Duration retention,
		@DefaultValue("PT1M") @NotNull @DurationMin(millis = 1) Duration cleanupInterval,
		@DefaultValue("1000") @Min(1) @Max(100_000) int cleanupBatchSize,
		@DefaultValue("flyway") @NotNull OutboxSchema schema,
		@DefaultValue("library") @NotNull PayloadMapper payloadMapper) {

	/** The default table of processed event ids. */
	public static final String DEFAULT_INBOX_TABLE = "processed_event";

}
