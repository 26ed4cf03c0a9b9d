/**
 * Publish: routing outbox rows to their topics or to the dead-letter topic, and sending a
 * batch with the position it brings its source to, in one Kafka transaction or at least
 * once. It knows neither Debezium nor Kafka Connect: every capture hands it
 * {@link dev.waybill.relay.publish.OutboxRow}s and a
 * {@link dev.waybill.relay.publish.Position} through a
 * {@link dev.waybill.relay.publish.Publisher}.
 */
@NullMarked
package dev.waybill.relay.publish;

import org.jspecify.annotations.NullMarked;
