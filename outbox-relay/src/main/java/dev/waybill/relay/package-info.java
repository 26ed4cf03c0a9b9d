/**
 * The outbox relay: reads outbox rows from each source database's write-ahead log and
 * publishes them to Kafka.
 */
@NullMarked
package dev.waybill.relay;

import org.jspecify.annotations.NullMarked;
