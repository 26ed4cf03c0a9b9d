package dev.waybill.outbox.autoconfigure;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * Applies the library's migrations with a Flyway of its own: its own history table, so
 * that its versions never interleave with the service's (which would need
 * {@code out-of-order} for every library upgrade), and run after the service's Flyway,
 * whose first migration expects an empty schema. Boot orders it before the beans that use
 * the database ({@link OutboxSchemaMigrationDetector}).
 *
 * <p>
 * The migrations create only what is missing, and a schema that holds tables already (the
 * service's own, or the outbox's from the time the service applied these migrations
 * itself) gets a baseline at version 0 first, so every migration runs once against it.
 */
final class OutboxSchemaMigration implements InitializingBean {

	/** The library's schema history table. */
	static final String HISTORY_TABLE = "waybill_outbox_schema_history";

	static final String LOCATION = "classpath:dev/waybill/outbox/db/migration";

	private static final Logger logger = LoggerFactory.getLogger(OutboxSchemaMigration.class);

	private final DataSource dataSource;

	OutboxSchemaMigration(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() {
		MigrateResult result = Flyway.configure()
			.dataSource(this.dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
		logger.info("Outbox schema at version {} ({} migrations applied, history in {})", result.targetSchemaVersion,
				result.migrationsExecuted, HISTORY_TABLE);
	}

}
