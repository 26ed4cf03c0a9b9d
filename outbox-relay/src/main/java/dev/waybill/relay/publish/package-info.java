/**
 * Publish: routing outbox rows to topics or to the dead-letter topic, and the producers
 * that send a batch with its source offset.
 */
@NullMarked
package dev.waybill.relay.publish;

import org.jspecify.annotations.NullMarked;
