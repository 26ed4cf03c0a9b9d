/**
 * inventory-service: products, stock and reservations. Features live in sub-packages.
 */
@NullMarked
package dev.waybill.inventory;

import org.jspecify.annotations.NullMarked;
