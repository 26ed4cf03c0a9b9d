package dev.waybill.audit;

/**
 * One offending thing a check found.
 *
 * @param id the offending id: an event id, order id, sku or aggregate
 * @param problem what is wrong with it, for people
 */
public record Finding(String id, String problem) {
}
