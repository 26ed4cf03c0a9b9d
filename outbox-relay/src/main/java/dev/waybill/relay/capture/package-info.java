/**
 * Capture, what every way of reading outbox rows shares: a
 * {@link dev.waybill.relay.capture.Capture} per relay, which {@code capture.log} or
 * {@code capture.polling} provides (this package knows neither), a
 * {@link dev.waybill.relay.capture.Run} per source attempt, the source kept streaming
 * with restarts and backoff, the checks before anything starts, the capture record the
 * services' cleanup reads, and health.
 */
@NullMarked
package dev.waybill.relay.capture;

import org.jspecify.annotations.NullMarked;
