package dev.waybill.bench.saga;

import dev.waybill.demo.load.LoadGenerator;

/**
 * What a phase is run and measured with.
 *
 * @param generator places the orders
 * @param cpu reads each process's CPU time
 * @param transactions reads the transaction and offset commit counts
 */
record Probes(LoadGenerator generator, ProcessCpu cpu, TransactionCounts transactions) {
}
