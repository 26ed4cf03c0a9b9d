/**
 * Polling capture, where logical replication is not allowed: one poller per source under
 * an advisory lock reads unpublished rows in sequence, publishes them with a position
 * that names them, and marks them published; and the same mechanics for log capture
 * taking a polled table over ({@link dev.waybill.relay.capture.polling.Handover}).
 */
@NullMarked
package dev.waybill.relay.capture.polling;

import org.jspecify.annotations.NullMarked;
