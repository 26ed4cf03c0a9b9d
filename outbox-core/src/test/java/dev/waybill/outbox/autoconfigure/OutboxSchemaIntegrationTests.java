package dev.waybill.outbox.autoconfigure;

import java.util.UUID;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's migrations in an application with Flyway of its own, which keeps its own
 * settings: no extra location, no out-of-order.
 */
@ExtendWith(EmbeddedStackExtension.class)
class OutboxSchemaIntegrationTests {

	private static final String APPLICATION_MIGRATIONS = "classpath:dev/waybill/outbox/app/migration";

	private static final String HISTORY = "SELECT version FROM %s WHERE success ORDER BY installed_rank";

	@Test
	void theLibrarysMigrationsRunAfterTheApplicationsOwnWithAHistoryOfTheirOwn(EmbeddedStack stack) {
		ServiceDatabase database = stack.createDatabase("schema");
		runner(stack, database).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList(HISTORY.formatted("flyway_schema_history"), String.class))
				.containsExactly("1");
			assertThat(jdbc.queryForList(HISTORY.formatted(OutboxSchemaMigration.HISTORY_TABLE), String.class))
				.containsExactly("0", "0.1", "0.2");
			assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event", Integer.class)).isZero();
		});
		// a second start finds both histories up to date
		runner(stack, database).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aDatabaseWhoseOwnHistoryListsTheLibrarysMigrationsKeepsItsRows(EmbeddedStack stack) {
		ServiceDatabase database = stack.createDatabase("upgraded");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(stack.jdbcUrl(database), database.user(),
				database.password());
		// as services were set up before: the library's location beside their own
		Flyway.configure()
			.dataSource(dataSource)
			.locations(APPLICATION_MIGRATIONS, OutboxSchemaMigration.LOCATION)
			.load()
			.migrate();
		UUID kept = UUID.randomUUID();
		new JdbcTemplate(dataSource).update("""
				INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, aggregate_version, occurred_at)
				VALUES (?, 'parcel', 'p-1', 'ParcelSent', '{}', 1, now())""", kept);

		runner(stack, database).withPropertyValues("spring.flyway.ignore-migration-patterns=*:missing")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList("SELECT id FROM outbox_event", UUID.class)).containsExactly(kept);
				assertThat(jdbc.queryForList(HISTORY.formatted(OutboxSchemaMigration.HISTORY_TABLE), String.class))
					.containsExactly("0", "0.1", "0.2");
			});
	}

	private static ApplicationContextRunner runner(EmbeddedStack stack, ServiceDatabase database) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, FlywayAutoConfiguration.class,
					OutboxAutoConfiguration.class, OutboxSchemaAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + stack.jdbcUrl(database),
					"spring.datasource.username=" + database.user(),
					"spring.datasource.password=" + database.password(),
					"spring.flyway.locations=" + APPLICATION_MIGRATIONS);
	}

}
