package dev.waybill.outbox.autoconfigure;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import dev.waybill.contract.WireContract;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates the outbox's tables as {@code waybill.outbox.schema} says: the library's Flyway
 * migrations with a history of their own (the default), the reference DDL, or nothing.
 * Off with {@code waybill.outbox.enabled=false}, like the rest of the outbox.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBooleanProperty(name = "waybill.outbox.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
final class OutboxSchemaAutoConfiguration {

	private static final String SCHEMA = "classpath:dev/waybill/outbox/schema-postgresql.sql";

	private static final String FLYWAY = "org.flywaydb.core.Flyway";

	/**
	 * Creates the outbox's tables from the reference DDL, with {@code schema=script}.
	 * @param dataSource the data source
	 * @param properties the settings
	 * @return the initializer, ordered by Boot before beans that use the database
	 */
	@Bean
	@ConditionalOnMissingBean(name = "outboxSchemaInitializer")
	@ConditionalOnProperty(prefix = "waybill.outbox", name = "schema", havingValue = "script")
	DataSourceScriptDatabaseInitializer outboxSchemaInitializer(DataSource dataSource, OutboxProperties properties) {
		requireDefaultTables(properties);
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(List.of(SCHEMA));
		settings.setMode(DatabaseInitializationMode.ALWAYS);
		return new DataSourceScriptDatabaseInitializer(dataSource, settings);
	}

	private static void requireDefaultTables(OutboxProperties properties) {
		// The library's schema names the default tables; renamed tables belong in the
		// service's own migration, where the names are written once.
		if (!WireContract.OUTBOX_TABLE.equals(properties.table())
				|| !OutboxProperties.DEFAULT_INBOX_TABLE.equals(properties.inboxTable())) {
			throw new IllegalStateException(
					"waybill.outbox.schema=" + properties.schema().name().toLowerCase(Locale.ROOT)
							+ " creates the default tables " + WireContract.OUTBOX_TABLE + " and "
							+ OutboxProperties.DEFAULT_INBOX_TABLE + " only, but waybill.outbox.table="
							+ properties.table() + " and waybill.outbox.inbox-table=" + properties.inboxTable()
							+ ": set waybill.outbox.schema=none and create renamed tables in your own migration, from "
							+ SCHEMA);
		}
	}

	/**
	 * The library's migrations with a Flyway of their own, with {@code schema=flyway},
	 * the default.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = FLYWAY)
	@ConditionalOnProperty(prefix = "waybill.outbox", name = "schema", havingValue = "flyway", matchIfMissing = true)
	static class FlywaySchemaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OutboxSchemaMigration outboxSchemaMigration(DataSource dataSource, OutboxProperties properties) {
			requireDefaultTables(properties);
			return new OutboxSchemaMigration(dataSource);
		}

	}

	/**
	 * {@code schema=flyway} without Flyway: a start that would fail later, on a missing
	 * table, fails here and says what to do.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(FLYWAY)
	@ConditionalOnProperty(prefix = "waybill.outbox", name = "schema", havingValue = "flyway", matchIfMissing = true)
	static class MissingFlywayConfiguration {

		@Bean
		Object outboxSchemaMigration() {
			throw new IllegalStateException("waybill.outbox.schema=flyway (the default) applies the outbox's "
					+ "migrations with Flyway, which is not on the class path: add org.flywaydb:flyway-database-postgresql "
					+ "(or spring-boot-starter-flyway), or set waybill.outbox.schema=script to create the tables from "
					+ "the reference DDL, or none to create them in your own migrations");
		}

	}

}
