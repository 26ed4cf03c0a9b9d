package dev.waybill.audit;

/**
 * One consistency check over a read system state.
 */
interface Check {

	CheckResult run(SystemState state);

}
