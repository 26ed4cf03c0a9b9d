package dev.waybill.outbox.autoconfigure;

/**
 * Who creates the outbox's tables ({@code outbox_event}, {@code processed_event},
 * {@code outbox_capture}) in the service's database: {@code waybill.outbox.schema}.
 */
public enum OutboxSchema {

	/**
	 * The library's Flyway migrations, applied with a schema history table of their own
	 * ({@value OutboxSchemaMigration#HISTORY_TABLE}) after the application's Flyway: the
	 * service's Flyway settings stay its own, and a later library version's migrations
	 * never need {@code out-of-order}. Needs Flyway on the class path.
	 */
	FLYWAY,

	/**
	 * The reference DDL, run at every start; it creates what is missing and changes
	 * nothing that exists.
	 */
	SCRIPT,

	/**
	 * Nothing: the service creates the tables in its own migrations (Liquibase, renamed
	 * tables), from the reference DDL.
	 */
	NONE

}
