/**
 * Consuming outbox events from Kafka, the same way in every service.
 *
 * <p>
 * A listener turns each record into an {@link dev.waybill.contract.EventEnvelope} (the
 * relay's headers, checked) and hands it to
 * {@link dev.waybill.outbox.kafka.IncomingEvents}, which parses and validates the
 * payload, then records the event id in the {@link dev.waybill.outbox.Inbox} and runs the
 * effect in one database transaction. The auto-configuration makes every consumer read
 * with {@code isolation.level=read_committed} and without auto-commit, retries transient
 * failures with exponential backoff, and sends poison records to a dead-letter topic with
 * the reason in a header.
 */
@NullMarked
package dev.waybill.outbox.kafka;

import org.jspecify.annotations.NullMarked;
