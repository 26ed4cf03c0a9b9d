package dev.waybill.relay.capture.log;

import java.time.Duration;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.offsets.OffsetsTopic;

/**
 * What log capture takes from the relay's settings, built once when the relay starts.
 *
 * @param offsets where each source's position is committed with its batches
 * @param maxBatchSize the most change events in one batch (one Kafka transaction)
 * @param pollInterval Debezium's {@code poll.interval.ms}
 * @param linger the least time between the starts of a source's transactions while its
 * batches are not full (see {@link Linger})
 * @param heartbeatInterval how often an idle source moves its slot's position
 * @param startupTimeout how long a run waits for its engine to stream
 * @param retryWait how long the engine waits before it retries a retriable error itself
 */
public record LogSettings(OffsetsTopic offsets, int maxBatchSize, Duration pollInterval, Duration linger,
		Duration heartbeatInterval, Duration startupTimeout, Duration retryWait) {

	/**
	 * @param relay the relay's settings
	 * @param offsets where each source's position is committed
	 * @return the part of them that log capture reads
	 */
	public static LogSettings of(RelayProperties relay, OffsetsTopic offsets) {
		return new LogSettings(offsets, relay.maxBatchSize(), relay.pollInterval(), relay.linger(),
				relay.heartbeatInterval(), relay.startupTimeout(), relay.restart().initialBackoff());
	}

}
