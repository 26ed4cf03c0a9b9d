/**
 * Products and their stock: creation, restock and adjustment with optimistic versioning,
 * and the single place where stock changes, each announced with ProductStockChanged.
 */
@NullMarked
package dev.waybill.inventory.product;

import org.jspecify.annotations.NullMarked;
