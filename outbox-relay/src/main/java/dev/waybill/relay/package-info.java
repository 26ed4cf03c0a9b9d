/**
 * The outbox relay: reads outbox rows from each source database's write-ahead log (or by
 * polling the table) and publishes them to Kafka. This package holds the application and
 * its settings; each part takes its own share of them.
 */
@NullMarked
package dev.waybill.relay;

import org.jspecify.annotations.NullMarked;
