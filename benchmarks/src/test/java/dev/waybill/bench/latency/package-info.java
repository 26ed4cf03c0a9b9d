/**
 * The commit-to-consumer latency benchmark: the relay capturing from the WAL (Debezium)
 * against the relay polling the outbox table, at fixed rates, measured in one run.
 */
@org.jspecify.annotations.NullMarked
package dev.waybill.bench.latency;
