package dev.waybill.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.contract.WireContract;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The relay's configuration ({@code waybill.relay.*}).
 *
 * @param sources the databases to read outbox rows from, one engine each
 * @param bootstrapServers deprecated: the Kafka {@code bootstrap.servers}, which
 * {@code spring.kafka.bootstrap-servers} replaces (with the rest of
 * {@code spring.kafka.*})
 * @param delivery exactly-once (transactional) or at-least-once publication
 * @param topicPrefix the topic is this prefix followed by the aggregate type
 * @param offsetsTopic the compacted topic holding each source's WAL position
 * @param deadLetterTopic where rows that cannot be routed go
 * @param heartbeatInterval how often an idle source reports its position, so that the
 * slot does not keep WAL without bound
 * @param maxBatchSize the most change events handed over in one batch (one Kafka
 * transaction)
 * @param pollInterval Debezium's {@code poll.interval.ms}: its streaming loop sleeps this
 * long whenever the replication stream has nothing pending, and its queue holds a batch
 * that is not full (max-batch-size) until this long has passed; so an event can wait up
 * to twice this long in each relay hop. Shorter also costs CPU when idle: each interval
 * Debezium checks the replication stream five times and polls its queue once (the relay's
 * queue storage keeps that poll from spinning through its last millisecond)
 * @param linger with log capture, the least time between the starts of a source's Kafka
 * transactions while its batches are not full and its recent rate would gather at least
 * four events in one linger (200 a second for 20 ms): the events that arrive meanwhile
 * wait in Debezium's queue and make the next batch, so that batches grow with the load
 * and the cost of a transaction (the same for one event or a thousand) is shared, while
 * each event waits up to about this long more; below that rate, and after a quiet spell,
 * a batch leaves after poll-interval alone, and a full batch never waits. Zero turns it
 * off
 * @param transactionTimeout the producer's {@code transaction.timeout.ms}; above the time
 * one batch takes
 * @param startupTimeout how long startup waits for each engine to stream
 * @param lease how the instances configured for a source decide which one leads it
 * @param restart how a source whose engine failed after streaming is restarted
 * @param producer the producer's timeouts, which bound how long a broker outage goes
 * unnoticed
 * @param capture how outbox rows are read: from the write-ahead log (the default) or by
 * polling the table
 * @param polling the settings of polling capture
 * @param replicationCheck what an exactly-once relay does at startup when, on a cluster
 * of more than one broker, a topic it writes has a single replica: such a topic's
 * partitions lose their leader whenever its broker stops, and Kafka 4.3 and 4.4 can then
 * skip the commit markers of a transaction in flight on them (KAFKA-20734), so that
 * consumers read a batch twice; {@code REFUSE} stops startup, {@code WARN} logs the same
 * message and starts
 * @param slotRetentionWarning how much write-ahead log a source's slot may keep on the
 * server before health warns: a slot keeps every segment from its restart position on, so
 * a relay that falls behind or stops fills the database's disk
 * @param cloudEvents CloudEvents attributes on every event, beside the EventRouter
 * headers
 */
// Over 200 lines for its documentation: this record is where every waybill.relay.*
// setting is described, and its nested records are the settings' groups
@Validated
@ConfigurationProperties("waybill.relay")
public record RelayProperties(@NotEmpty List<@Valid Source> sources, @Nullable String bootstrapServers,
		@DefaultValue("EXACTLY_ONCE") Delivery delivery,
		@DefaultValue(WireContract.TOPIC_PREFIX) @NotBlank String topicPrefix,
		@DefaultValue("waybill.relay.offsets") @NotBlank String offsetsTopic,
		@DefaultValue(WireContract.RELAY_DEAD_LETTER_TOPIC) @NotBlank String deadLetterTopic,
		@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("2048") @Positive int maxBatchSize,
		@DefaultValue("5ms") Duration pollInterval, @DefaultValue("20ms") Duration linger,
		@DefaultValue("60s") Duration transactionTimeout, @DefaultValue("60s") Duration startupTimeout,
		@DefaultValue @Valid Restart restart, @DefaultValue @Valid ProducerTimeouts producer,
		@DefaultValue("LOG") OutboxCapture capture, @DefaultValue @Valid Polling polling,
		@DefaultValue("REFUSE") ReplicationCheck replicationCheck, @DefaultValue("1GB") DataSize slotRetentionWarning,
		@DefaultValue @Valid CloudEvents cloudEvents, @DefaultValue @Valid Lease lease) {

	/**
	 * Checks the durations that Debezium and the producer take in whole milliseconds.
	 */
	public RelayProperties {
		// a poll interval under a millisecond reaches Debezium as 0, and its queue then
		// spins without a pause
		requireWholeMilliseconds("poll-interval", pollInterval);
		requireWholeMilliseconds("heartbeat-interval", heartbeatInterval);
		requireWholeMilliseconds("transaction-timeout", transactionTimeout);
		requireWholeMilliseconds("startup-timeout", startupTimeout);
		if (linger.isNegative()) {
			throw new IllegalArgumentException("waybill.relay.linger must not be negative, was " + linger);
		}
	}

	private static void requireWholeMilliseconds(String name, Duration value) {
		if (value.toMillis() < 1) {
			throw new IllegalArgumentException("waybill.relay." + name + " must be at least 1ms, was " + value);
		}
	}

	/**
	 * Polling capture: one poller per source, holding a PostgreSQL advisory lock, reads
	 * up to {@code max-batch-size} unpublished rows in sequence, publishes them and marks
	 * them published. A full batch is followed at once by the next query; otherwise the
	 * poller waits {@code interval}.
	 *
	 * @param interval the wait after a query that did not fill a batch
	 */
	public record Polling(@DefaultValue("100ms") Duration interval) {

		/**
		 * Checks that the interval is positive.
		 */
		public Polling {
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("waybill.relay.polling.interval must be positive, was " + interval);
			}
		}

	}

	/**
	 * The leadership of each source among the relay instances configured for it: the
	 * leader holds a lock in the source's database that the server frees when the leader
	 * stops renewing it for {@code timeout}; the others stand by and try again every
	 * {@code retry-interval}.
	 *
	 * @param timeout how long a leader that stops renewing (paused, cut off) keeps the
	 * leadership; a leader that dies or stops gracefully frees it at once
	 * @param retryInterval how often a standby tries to take over
	 */
	public record Lease(@DefaultValue("10s") Duration timeout, @DefaultValue("1s") Duration retryInterval) {

		/**
		 * Checks that the timeout is at least a second and the interval positive.
		 */
		public Lease {
			if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || retryInterval.toMillis() < 1) {
				throw new IllegalArgumentException(
						"waybill.relay.lease needs timeout >= 1s and retry-interval >= 1ms, was " + timeout + " and "
								+ retryInterval);
			}
		}

	}

	/**
	 * CloudEvents 1.0 attributes in the Kafka protocol binding's binary mode
	 * ({@code ce_specversion}, {@code ce_id}, {@code ce_source}, {@code ce_type},
	 * {@code ce_subject}, {@code ce_time}, {@code content-type}) on every event, beside
	 * the EventRouter headers, so that consumers with a CloudEvents SDK read the events
	 * without knowing this project.
	 *
	 * @param enabled whether events carry them
	 * @param sourcePrefix an event's {@code source} attribute is this prefix followed by
	 * its relay source's name, such as {@code /waybill/orders}: a URI reference
	 */
	public record CloudEvents(@DefaultValue("false") boolean enabled, @DefaultValue("/waybill/") String sourcePrefix) {

		/**
		 * Checks that the prefix starts a URI reference.
		 */
		public CloudEvents {
			try {
				new URI(sourcePrefix + "source");
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException("waybill.relay.cloud-events.source-prefix '" + sourcePrefix
						+ "' does not start a URI reference: " + ex.getReason(), ex);
			}
		}

		/**
		 * @return the prefix when events carry the attributes, or {@code null}
		 */
		public @Nullable String sourcePrefixIfEnabled() {
			return this.enabled ? this.sourcePrefix : null;
		}

	}

	/** How records reach Kafka. */
	public enum Delivery {

		/**
		 * One Kafka transaction per batch holds the events and the batch's source offset;
		 * consumers read with {@code isolation.level=read_committed}.
		 */
		EXACTLY_ONCE,

		/**
		 * Events are sent and acknowledged, then the offset is written: a crash between
		 * the two republishes the batch.
		 */
		AT_LEAST_ONCE

	}

	/**
	 * What startup does with a topic the relay writes in transactions that a single
	 * broker's stop leaves without a leader.
	 */
	public enum ReplicationCheck {

		/** The relay does not start; the message names each topic and the fix. */
		REFUSE,

		/** The relay logs the same message as a warning and starts. */
		WARN

	}

	/**
	 * What log capture does when the slot it recorded as its boundary is gone (dropped by
	 * hand, by a failover that did not carry it, or by {@code slot.drop.on.stop}): the
	 * events committed since the relay last confirmed the slot were only in it.
	 */
	public enum LostSlot {

		/** The source does not start; the message says what was lost and both ways on. */
		REFUSE,

		/**
		 * The source publishes again every row still in the outbox table that is not
		 * marked published, then streams a new slot: nothing retained is lost, and the
		 * events already published reach consumers a second time, for their inboxes to
		 * drop. Rows the cleanup already deleted cannot be published again.
		 */
		REPUBLISH

	}

	/**
	 * The backoff between attempts to restart a source whose engine failed after it had
	 * streamed: the first attempt waits {@code initialBackoff}, each further one twice as
	 * long, up to {@code maxBackoff}. Attempts go on until one streams or the relay
	 * stops.
	 *
	 * @param initialBackoff the wait before the first attempt
	 * @param maxBackoff the longest wait between attempts
	 */
	public record Restart(@DefaultValue("1s") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff) {

		/**
		 * Checks that both waits are positive and ordered.
		 */
		public Restart {
			if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
				throw new IllegalArgumentException(
						"waybill.relay.restart needs 0 < initial-backoff <= max-backoff, was " + initialBackoff
								+ " and " + maxBackoff);
			}
		}

		/**
		 * @param failedAttempts the attempts that failed since the source stopped
		 * @return the wait before the next attempt
		 */
		public Duration backoff(int failedAttempts) {
			Duration wait = this.initialBackoff;
			for (int i = 0; i < failedAttempts && wait.compareTo(this.maxBackoff) < 0; i++) {
				wait = wait.multipliedBy(2);
			}
			return (wait.compareTo(this.maxBackoff) < 0) ? wait : this.maxBackoff;
		}

	}

	/**
	 * The producer's timeouts. Kafka's defaults (two minutes of delivery timeout, one
	 * minute of blocking) would hide a broker outage for minutes; these report it within
	 * seconds, after which the source restarts with backoff.
	 *
	 * @param deliveryTimeout {@code delivery.timeout.ms}: how long a sent record may wait
	 * for its acknowledgement, retries included
	 * @param requestTimeout {@code request.timeout.ms}: how long one request waits for
	 * its response
	 * @param maxBlock {@code max.block.ms}: how long {@code initTransactions()},
	 * {@code send()} (for metadata) and the commit or abort may block
	 */
	public record ProducerTimeouts(@DefaultValue("30s") Duration deliveryTimeout,
			@DefaultValue("10s") Duration requestTimeout, @DefaultValue("15s") Duration maxBlock) {

		/**
		 * Checks what the producer would otherwise reject with a less precise message.
		 */
		public ProducerTimeouts {
			if (requestTimeout.isNegative() || requestTimeout.isZero() || maxBlock.isNegative() || maxBlock.isZero()) {
				throw new IllegalArgumentException(
						"waybill.relay.producer.request-timeout and max-block must be positive");
			}
			// the producer requires delivery.timeout.ms >= linger.ms + request.timeout.ms
			if (deliveryTimeout.compareTo(requestTimeout.plus(LINGER)) < 0) {
				throw new IllegalArgumentException("waybill.relay.producer.delivery-timeout (" + deliveryTimeout
						+ ") must be at least request-timeout (" + requestTimeout + ") plus " + LINGER.toMillis()
						+ " ms of linger");
			}
		}

	}

	/** The producer's {@code linger.ms}. */
	public static final Duration LINGER = Duration.ofMillis(5);

}
