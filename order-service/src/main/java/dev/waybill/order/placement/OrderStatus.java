package dev.waybill.order.placement;

/**
 * Where an order is in the saga.
 */
public enum OrderStatus {

	/** Placed; inventory has not answered yet. */
	PENDING,

	/** Inventory reserved every line. */
	CONFIRMED,

	/** Inventory could not reserve every line; nothing is reserved. */
	REJECTED,

	/** Cancelled by the customer; any reservation is released. */
	CANCELLED

}
