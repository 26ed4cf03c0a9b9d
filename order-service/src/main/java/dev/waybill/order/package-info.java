/**
 * order-service: orders and the order side of the saga. Features live in sub-packages.
 */
@NullMarked
package dev.waybill.order;

import org.jspecify.annotations.NullMarked;
