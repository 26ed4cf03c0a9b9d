package dev.waybill.order.placement;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The order store, shared by the order features. Writes must run inside the caller's
 * transaction, together with the events they append.
 */
public interface Orders {

	/**
	 * @param id the order id
	 * @return the order, if there is one
	 */
	Optional<Order> find(UUID id);

	/**
	 * Reads an order and locks its row until the transaction ends, so that concurrent
	 * status changes (a cancel and inventory's answer) apply one after the other.
	 * @param id the order id
	 * @return the order, if there is one
	 */
	Optional<Order> lock(UUID id);

	/**
	 * Moves an order to a status and increments its version.
	 * @param order the order as locked
	 * @param status the new status
	 * @param reason the reason, for a rejection
	 * @return the order's new version
	 */
	long update(Order order, OrderStatus status, @Nullable String reason);

	/**
	 * Moves a pending order to a final status and increments its version, in one
	 * statement: a concurrent change of the order (a cancel) applies before or after it,
	 * never in between.
	 * @param id the order id
	 * @param status the new status
	 * @param reason the reason, for a rejection
	 * @return the order's new version, or empty, changing nothing, when the order is not
	 * pending or does not exist
	 */
	OptionalLong settle(UUID id, OrderStatus status, @Nullable String reason);

	/**
	 * Orders, newest first.
	 * @param status only orders in this status, or all
	 * @param offset how many to skip
	 * @param limit how many at most
	 * @return the orders
	 */
	List<Order> list(@Nullable OrderStatus status, long offset, int limit);

}
