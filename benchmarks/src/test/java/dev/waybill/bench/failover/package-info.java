/**
 * The relay's failover, measured: two relay processes on one source, the leader killed,
 * paused or stopped under a stream of writes.
 */
@org.jspecify.annotations.NullMarked
package dev.waybill.bench.failover;
