package dev.waybill.order.replica;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies stock changes only when they are strictly newer than what the replica holds, so
 * a duplicate or a late, older change cannot move a product backwards.
 */
@Component
final class ProductReplica {

	private static final Logger logger = LoggerFactory.getLogger(ProductReplica.class);

	private static final String UPSERT = """
			INSERT INTO product_replica AS replica (sku, name, available, reserved, version, updated_at)
			VALUES (?, ?, ?, ?, ?, now())
			ON CONFLICT (sku) DO UPDATE
			SET name = EXCLUDED.name, available = EXCLUDED.available, reserved = EXCLUDED.reserved,
			    version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
			WHERE replica.version < EXCLUDED.version
			""";

	private static final String SELECT_ALL = """
			SELECT sku, name, available, reserved, version FROM product_replica
			ORDER BY sku LIMIT ? OFFSET ?
			""";

	private final JdbcTemplate jdbc;

	ProductReplica(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void apply(ProductStockChanged change) {
		int applied = this.jdbc.update(UPSERT, change.sku(), change.name(), change.available(), change.reserved(),
				change.version());
		if (applied == 0) {
			logger.debug("Kept {} at a version newer than {}", change.sku(), change.version());
		}
	}

	List<ReplicatedProduct> list(long offset, int limit) {
		return this.jdbc.query(SELECT_ALL, (row, n) -> new ReplicatedProduct(row.getString("sku"),
				row.getString("name"), row.getInt("available"), row.getInt("reserved"), row.getLong("version")), limit,
				offset);
	}

}
