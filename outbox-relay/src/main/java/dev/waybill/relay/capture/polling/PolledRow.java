package dev.waybill.relay.capture.polling;

import dev.waybill.relay.publish.OutboxRow;

/**
 * A row read by the poller.
 *
 * @param sequenceNumber its place in the publishing order
 * @param row the row
 */
record PolledRow(long sequenceNumber, OutboxRow row) {
}
