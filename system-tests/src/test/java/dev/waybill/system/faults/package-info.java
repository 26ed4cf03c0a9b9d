/**
 * The fault suite: the demo's processes under a load of orders while components are
 * killed or restarted, each scenario ending with the consistency auditor.
 */
@org.jspecify.annotations.NullMarked
package dev.waybill.system.faults;
