package dev.waybill.inventory.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.waybill.inventory.product.Product;
import dev.waybill.inventory.product.Stock;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.outbox.kafka.PoisonRecordException;

/**
 * Reserves all lines of an order or none, and releases them once when it is cancelled.
 * Runs inside the consumer's transaction (see
 * {@link dev.waybill.outbox.kafka.IncomingEvents}).
 *
 * <p>
 * Concurrency: the order's products are locked with {@code SELECT ... FOR UPDATE} in sku
 * order, checked together, and only then changed. A conditional
 * {@code UPDATE ... WHERE available >= ?} per line would also keep stock from going
 * negative, but all-or-nothing over several lines would then need undoing the lines
 * already taken when a later one fails, and the short lines' available counts (for the
 * reason) would not be consistent with each other. Locking in one global order means two
 * orders sharing products wait for each other instead of deadlocking.
 */
@Component
final class StockReservations {

	static final String AGGREGATE = "reservation";

	private static final Logger logger = LoggerFactory.getLogger(StockReservations.class);

	private final JdbcReservations reservations;

	private final Stock stock;

	private final OutboxWriter outbox;

	StockReservations(JdbcReservations reservations, Stock stock, OutboxWriter outbox) {
		this.reservations = reservations;
		this.stock = stock;
		this.outbox = outbox;
	}

	void reserve(OrderPlaced order) {
		List<ReservedLine> lines = sortedLines(order);
		Optional<Reservation> existing = this.reservations.lock(order.orderId());
		if (existing.isPresent()) {
			rejectCancelled(existing.get());
			return;
		}
		Map<String, Product> products = this.stock.lock(lines.stream().map(ReservedLine::sku).toList())
			.stream()
			.collect(Collectors.toMap(Product::sku, Function.identity()));
		List<StockRejected.ShortLine> shortLines = lines.stream()
			.filter((line) -> availableOf(products, line) < line.quantity())
			.map((line) -> new StockRejected.ShortLine(line.sku(), line.quantity(), availableOf(products, line)))
			.toList();
		if (shortLines.isEmpty()) {
			lines.forEach((line) -> this.stock.change(locked(products, line), -line.quantity(), line.quantity()));
			this.reservations.insert(order.orderId(), ReservationStatus.RESERVED, null, 1, lines, List.of());
			append(order.orderId(), 1, StockReserved.TYPE, new StockReserved(order.orderId(), lines, Instant.now()));
		}
		else {
			String reason = reason(shortLines, products);
			this.reservations.insert(order.orderId(), ReservationStatus.REJECTED, reason, 1, lines, shortLines);
			append(order.orderId(), 1, StockRejected.TYPE,
					new StockRejected(order.orderId(), reason, shortLines, Instant.now()));
		}
	}

	/**
	 * Locks, in sku order and before any of them runs, the products of all the
	 * reservations and releases of a batch: each locks its own products in sku order, but
	 * a batch's transaction holds them all to its end, so that two instances' batches
	 * taking them one order at a time could deadlock.
	 * @param payloads the batch's events
	 */
	void lockProducts(List<Object> payloads) {
		Set<String> skus = new TreeSet<>();
		List<UUID> cancelled = new ArrayList<>();
		for (Object payload : payloads) {
			if (payload instanceof OrderPlaced order) {
				order.lines().forEach((line) -> skus.add(line.sku()));
			}
			else if (payload instanceof OrderCancelled cancellation) {
				cancelled.add(cancellation.orderId());
			}
		}
		if (!cancelled.isEmpty()) {
			skus.addAll(this.reservations.skusOf(cancelled));
		}
		if (!skus.isEmpty()) {
			this.stock.lock(skus);
		}
	}

	void release(OrderCancelled cancelled) {
		UUID orderId = cancelled.orderId();
		Optional<Reservation> existing = this.reservations.lock(orderId);
		if (existing.isEmpty()) {
			// the cancellation overtook the order: remember it, so
			// the order can never reserve
			this.reservations.insert(orderId, ReservationStatus.CANCELLED, "Cancelled before it was reserved", 0,
					List.of(), List.of());
			return;
		}
		Reservation reservation = existing.get();
		if (reservation.status() != ReservationStatus.RESERVED) {
			logger.info("Order {} is {} here: nothing to release", orderId, reservation.status());
			return;
		}
		Map<String, Product> products = this.stock.lock(reservation.lines().stream().map(ReservedLine::sku).toList())
			.stream()
			.collect(Collectors.toMap(Product::sku, Function.identity()));
		reservation.lines()
			.forEach((line) -> this.stock.change(locked(products, line), line.quantity(), -line.quantity()));
		long version = reservation.version() + 1;
		this.reservations.update(orderId, ReservationStatus.RELEASED, null, version);
		append(orderId, version, StockReleased.TYPE, new StockReleased(orderId, reservation.lines(), Instant.now()));
	}

	private void rejectCancelled(Reservation existing) {
		if (existing.status() != ReservationStatus.CANCELLED || existing.version() > 0) {
			logger.warn("Order {} was already {}: a second OrderPlaced changes nothing", existing.orderId(),
					existing.status());
			return;
		}
		String reason = "Order was cancelled before its stock was reserved";
		this.reservations.update(existing.orderId(), ReservationStatus.CANCELLED, reason, 1);
		append(existing.orderId(), 1, StockRejected.TYPE,
				new StockRejected(existing.orderId(), reason, List.of(), Instant.now()));
	}

	private void append(UUID orderId, long version, String type, Object event) {
		this.outbox.append(new OutgoingEvent(AGGREGATE, orderId.toString(), version, type, event));
	}

	private static List<ReservedLine> sortedLines(OrderPlaced order) {
		List<ReservedLine> lines = order.lines()
			.stream()
			.map((line) -> new ReservedLine(line.sku(), line.quantity()))
			.sorted(Comparator.comparing(ReservedLine::sku))
			.toList();
		if (lines.stream().map(ReservedLine::sku).distinct().count() != lines.size()) {
			throw new PoisonRecordException("OrderPlaced for " + order.orderId() + " names a sku twice");
		}
		return lines;
	}

	private static Product locked(Map<String, Product> products, ReservedLine line) {
		return Objects.requireNonNull(products.get(line.sku()), () -> "Product " + line.sku() + " was not locked");
	}

	private static int availableOf(Map<String, Product> products, ReservedLine line) {
		Product product = products.get(line.sku());
		return (product != null) ? product.available() : 0;
	}

	private static String reason(List<StockRejected.ShortLine> shortLines, Map<String, Product> products) {
		return "Insufficient stock: " + shortLines.stream()
			.map((line) -> products.containsKey(line.sku())
					? line.sku() + " (requested " + line.requested() + ", available " + line.available() + ")"
					: line.sku() + " (unknown product)")
			.collect(Collectors.joining(", "));
	}

}
