/**
 * The writer's overhead: a service's business transaction with and without the outbox
 * append, interleaved in one run, with the round trips each append costs.
 */
@org.jspecify.annotations.NullMarked
package dev.waybill.bench.writer;
