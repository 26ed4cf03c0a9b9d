/**
 * Capture: one Debezium embedded engine per source database, its Kafka-backed offsets and
 * the checks that run before it starts.
 */
@NullMarked
package dev.waybill.relay.capture;

import org.jspecify.annotations.NullMarked;
