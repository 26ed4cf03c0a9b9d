package dev.waybill.inventory.reservation;

/**
 * What inventory did for an order.
 */
public enum ReservationStatus {

	/** Every line is reserved. */
	RESERVED,

	/** Not every line could be reserved; nothing is. */
	REJECTED,

	/** Was reserved, and released when the order was cancelled. */
	RELEASED,

	/**
	 * The cancellation arrived before the order: nothing was or will be reserved for it.
	 */
	CANCELLED

}
