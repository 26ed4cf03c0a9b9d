/**
 * The saga benchmark: order-to-final-state latency of the demo's processes at fixed
 * rates, the highest rate they sustain, and where the CPU goes.
 */
@org.jspecify.annotations.NullMarked
package dev.waybill.bench.saga;
