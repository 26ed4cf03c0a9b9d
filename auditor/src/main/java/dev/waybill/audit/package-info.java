/**
 * The consistency auditor: reads both services' databases and the published topics of a
 * running or stopped system, and reports whether any event was lost, published twice,
 * applied twice or left stock, orders or replicas inconsistent.
 */
@NullMarked
package dev.waybill.audit;

import org.jspecify.annotations.NullMarked;
