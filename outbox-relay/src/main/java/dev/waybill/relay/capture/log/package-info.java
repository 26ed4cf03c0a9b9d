/**
 * Log capture: the Debezium embedded engine and PostgreSQL connector as an adapter. The
 * engine's settings and passthrough allow-list, its offset store on the relay's offsets
 * topic, a queue storage that does not spin, decoding a change event into an outbox row,
 * the replication slot and publication, and the boundary where log capture takes a table
 * over. Nothing outside this package knows Debezium.
 */
@NullMarked
package dev.waybill.relay.capture.log;

import org.jspecify.annotations.NullMarked;
