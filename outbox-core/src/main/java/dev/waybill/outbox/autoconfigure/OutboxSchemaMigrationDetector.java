package dev.waybill.outbox.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link OutboxSchemaMigration} initializes the database: beans
 * that depend on database initialization (JdbcTemplate, JPA) wait for it, and, ordered
 * after Boot's Flyway and Liquibase detectors, it waits for the application's own
 * migrations. Registered in {@code META-INF/spring.factories}.
 */
final class OutboxSchemaMigrationDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	// Boot's Flyway and Liquibase detectors have order 1: beans found by a detector of a
	// higher order depend on theirs
	private static final int AFTER_THE_APPLICATIONS_MIGRATIONS = 10;

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(OutboxSchemaMigration.class);
	}

	@Override
	public int getOrder() {
		return AFTER_THE_APPLICATIONS_MIGRATIONS;
	}

}
