/**
 * Cross-cutting HTTP concerns: RFC 9457 problem responses and the request body size
 * limit.
 */
@NullMarked
package dev.waybill.inventory.system;

import org.jspecify.annotations.NullMarked;
