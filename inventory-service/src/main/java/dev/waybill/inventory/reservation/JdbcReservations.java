package dev.waybill.inventory.reservation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
final class JdbcReservations {

	private static final String SELECT_RESERVATION = """
			SELECT order_id, status, reason, created_at, updated_at, version FROM reservation WHERE order_id = ?
			""";

	private static final String LOCK_RESERVATION = SELECT_RESERVATION + " FOR UPDATE";

	private static final String SELECT_LINES = """
			SELECT sku, quantity FROM reservation_line WHERE order_id = ? ORDER BY sku
			""";

	private static final String SELECT_SKUS_OF_ORDERS = """
			SELECT DISTINCT sku FROM reservation_line WHERE order_id = ANY(?::uuid[])
			""";

	private static final String INSERT_RESERVATION = """
			INSERT INTO reservation (order_id, status, reason, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, now(), now())
			""";

	private static final String INSERT_LINE = """
			INSERT INTO reservation_line (order_id, sku, quantity, available) VALUES (?, ?, ?, ?)
			""";

	private static final String UPDATE_STATUS = """
			UPDATE reservation SET status = ?, reason = ?, version = ?, updated_at = now() WHERE order_id = ?
			""";

	private final JdbcTemplate jdbc;

	JdbcReservations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Reservation> find(UUID orderId) {
		return withLines(this.jdbc.query(SELECT_RESERVATION, JdbcReservations::reservation, orderId));
	}

	Optional<Reservation> lock(UUID orderId) {
		return withLines(this.jdbc.query(LOCK_RESERVATION, JdbcReservations::reservation, orderId));
	}

	/**
	 * @param orderIds orders
	 * @return the skus of their reservations' lines
	 */
	List<String> skusOf(Collection<UUID> orderIds) {
		return this.jdbc.queryForList(SELECT_SKUS_OF_ORDERS, String.class,
				(Object) orderIds.stream().map(UUID::toString).toArray(String[]::new));
	}

	void insert(UUID orderId, ReservationStatus status, @Nullable String reason, long version, List<ReservedLine> lines,
			List<StockRejected.ShortLine> shortLines) {
		this.jdbc.update(INSERT_RESERVATION, orderId, status.name(), reason, version);
		this.jdbc.batchUpdate(INSERT_LINE,
				lines.stream()
					.map((line) -> new Object[] { orderId, line.sku(), line.quantity(), available(line, shortLines) })
					.toList());
	}

	void update(UUID orderId, ReservationStatus status, @Nullable String reason, long version) {
		this.jdbc.update(UPDATE_STATUS, status.name(), reason, version, orderId);
	}

	private static @Nullable Integer available(ReservedLine line, List<StockRejected.ShortLine> shortLines) {
		return shortLines.stream()
			.filter((shortLine) -> shortLine.sku().equals(line.sku()))
			.map(StockRejected.ShortLine::available)
			.findFirst()
			.orElse(null);
	}

	private Optional<Reservation> withLines(List<Reservation> found) {
		return found.stream()
			.findFirst()
			.map((reservation) -> new Reservation(reservation.orderId(), reservation.status(), reservation.reason(),
					this.jdbc.query(SELECT_LINES,
							(row, n) -> new ReservedLine(row.getString("sku"), row.getInt("quantity")),
							reservation.orderId()),
					reservation.createdAt(), reservation.updatedAt(), reservation.version()));
	}

	private static Reservation reservation(ResultSet row, int rowNum) throws SQLException {
		return new Reservation(row.getObject("order_id", UUID.class),
				ReservationStatus.valueOf(row.getString("status")), row.getString("reason"), List.of(),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
				row.getLong("version"));
	}

}
