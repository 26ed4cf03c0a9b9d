package dev.waybill.relay.capture.polling;

import java.time.Duration;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.offsets.OffsetsTopic;

/**
 * What polling capture takes from the relay's settings, built once when the relay starts.
 *
 * @param offsets where each poller's last batch is committed with it
 * @param maxBatchSize the most rows one query reads (one Kafka transaction)
 * @param interval the wait after a query that did not fill a batch
 */
public record PollingSettings(OffsetsTopic offsets, int maxBatchSize, Duration interval) {

	/**
	 * @param relay the relay's settings
	 * @param offsets where each poller's position is committed
	 * @return the part of them that polling capture reads
	 */
	public static PollingSettings of(RelayProperties relay, OffsetsTopic offsets) {
		return new PollingSettings(offsets, relay.maxBatchSize(), relay.polling().interval());
	}

}
