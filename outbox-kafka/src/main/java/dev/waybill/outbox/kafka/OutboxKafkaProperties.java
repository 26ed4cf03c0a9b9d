package dev.waybill.outbox.kafka;

import java.time.Duration;

import dev.waybill.contract.WireContract;
import dev.waybill.outbox.PayloadMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How outbox consumers handle failures.
 *
 * @param deadLetterSuffix appended to a record's topic to name its dead-letter topic
 * @param retry the backoff for failures that may pass, such as a database outage
 * @param payloadMapper which JSON mapper reads payloads: the library's own, matching what
 * outbox writers write by default whatever the application's Jackson settings, or the
 * application's
 * @param batch how batch listeners apply the records of a poll
 */
@Validated
@ConfigurationProperties("waybill.outbox.kafka")
public record OutboxKafkaProperties(@DefaultValue(WireContract.DEAD_LETTER_SUFFIX) @NotBlank String deadLetterSuffix,
		@DefaultValue @Valid @NotNull Retry retry, @DefaultValue("library") @NotNull PayloadMapper payloadMapper,
		@DefaultValue @Valid @NotNull Batch batch) {

	/**
	 * Exponential backoff between attempts at one record. A record that still fails once
	 * {@code maxElapsed} has passed goes to the dead-letter topic, so that one bad record
	 * cannot hold its partition forever.
	 *
	 * @param initialInterval the first pause
	 * @param multiplier the growth of each pause
	 * @param maxInterval the longest pause
	 * @param maxElapsed how long to keep retrying one record
	 */
	public record Retry(@DefaultValue("200ms") @NotNull Duration initialInterval,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@DefaultValue("10s") @NotNull Duration maxInterval, @DefaultValue("5m") @NotNull Duration maxElapsed) {
	}

	/**
	 * How a batch listener ({@code @OutboxListener(batch = "true")}) applies the records
	 * of one poll.
	 *
	 * @param sharedTransaction whether they go in one database transaction, one commit
	 * for the whole poll; false gives each its own, as a record listener does, for
	 * effects whose row locks, held to the end of a shared transaction, would make
	 * concurrent consumers wait for each other (or deadlock, when they lock rows in
	 * different orders); the offsets are committed once per poll either way
	 */
	public record Batch(@DefaultValue("true") boolean sharedTransaction) {
	}

}
