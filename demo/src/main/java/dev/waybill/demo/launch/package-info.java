/**
 * Starts, watches and stops the demo's processes: PostgreSQL, Kafka, the relay and both
 * services, each its own operating-system process with its own log under one run
 * directory.
 */
@NullMarked
package dev.waybill.demo.launch;

import org.jspecify.annotations.NullMarked;
