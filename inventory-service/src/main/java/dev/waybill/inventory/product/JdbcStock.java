package dev.waybill.inventory.product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.waybill.outbox.OutboxWriter;

@Component
final class JdbcStock implements Stock {

	static final String AGGREGATE = "product";

	private static final String SELECT_PRODUCT = """
			SELECT sku, name, available, reserved, version FROM product WHERE sku = ?
			""";

	// ORDER BY under FOR UPDATE: PostgreSQL locks the rows in the order it returns them
	private static final String LOCK_PRODUCTS = """
			SELECT sku, name, available, reserved, version FROM product
			WHERE sku = ANY(?) ORDER BY sku FOR UPDATE
			""";

	private static final String CHANGE_STOCK = """
			UPDATE product
			SET available = available + ?, reserved = reserved + ?, version = version + ?, updated_at = now()
			WHERE sku = ? AND version = ? AND available + ? >= 0 AND reserved + ? >= 0
			RETURNING sku, name, available, reserved, version
			""";

	private static final String INSERT_PRODUCT = """
			INSERT INTO product (sku, name, available, reserved, version, created_at, updated_at)
			VALUES (?, ?, ?, 0, 1, now(), now())
			ON CONFLICT (sku) DO NOTHING
			RETURNING sku, name, available, reserved, version
			""";

	private static final String SET_AVAILABLE = """
			UPDATE product SET available = ?, version = version + 1, updated_at = now()
			WHERE sku = ? AND version = ?
			RETURNING sku, name, available, reserved, version
			""";

	private final JdbcTemplate jdbc;

	private final StockAnnouncements announcements;

	JdbcStock(JdbcTemplate jdbc, OutboxWriter outbox) {
		this.jdbc = jdbc;
		this.announcements = new StockAnnouncements(outbox);
	}

	@Override
	public List<Product> lock(Collection<String> skus) {
		return this.jdbc.query(LOCK_PRODUCTS, JdbcStock::product, (Object) skus.toArray(String[]::new));
	}

	@Override
	public Product change(Product product, int availableDelta, int reservedDelta) {
		return announce(this.jdbc
			.query(CHANGE_STOCK, JdbcStock::product, availableDelta, reservedDelta,
					this.announcements.versionStep(product.sku()), product.sku(), product.version(), availableDelta,
					reservedDelta)
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Stock of " + product.sku() + " would become negative"
					+ " or changed without a lock: " + product + " by " + availableDelta + "/" + reservedDelta)));
	}

	Optional<Product> find(String sku) {
		return this.jdbc.query(SELECT_PRODUCT, JdbcStock::product, sku).stream().findFirst();
	}

	/**
	 * @return the new product, or empty when the sku exists already
	 */
	Optional<Product> create(String sku, String name, int available) {
		return this.jdbc.query(INSERT_PRODUCT, JdbcStock::product, sku, name, available)
			.stream()
			.findFirst()
			.map(this::announce);
	}

	/**
	 * @return the product after the change, or empty when its version is not
	 * {@code expectedVersion}
	 */
	Optional<Product> setAvailable(String sku, int available, long expectedVersion) {
		return this.jdbc.query(SET_AVAILABLE, JdbcStock::product, available, sku, expectedVersion)
			.stream()
			.findFirst()
			.map(this::announce);
	}

	private Product announce(Product product) {
		this.announcements.announce(product);
		return product;
	}

	private static Product product(ResultSet row, int rowNum) throws SQLException {
		return new Product(row.getString("sku"), row.getString("name"), row.getInt("available"), row.getInt("reserved"),
				row.getLong("version"));
	}

}
