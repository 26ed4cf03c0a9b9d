package dev.waybill.outbox.jdbc;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference DDL and the Flyway migrations shipped with the library create the same
 * tables, columns, constraints and indexes, so that a service may use either.
 */
@ExtendWith(EmbeddedStackExtension.class)
class SchemaMigrationsIntegrationTests {

	static final String MIGRATIONS = "classpath:dev/waybill/outbox/db/migration";

	private static final String COLUMNS = """
			SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
			    || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
			    || coalesce(' default ' || column_default, '')
			    || CASE WHEN is_identity = 'YES' THEN ' identity ' || identity_generation ELSE '' END
			FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name IN ('outbox_event', 'outbox_capture', 'processed_event')
			ORDER BY table_name, ordinal_position
			""";

	private static final String CONSTRAINTS = """
			SELECT conrelid::regclass::text || ' ' || contype::text || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint
			WHERE conrelid IN ('outbox_event'::regclass, 'outbox_capture'::regclass, 'processed_event'::regclass)
			ORDER BY 1
			""";

	private static final String INDEXES = """
			SELECT indexdef FROM pg_indexes
			WHERE schemaname = 'public' AND tablename IN ('outbox_event', 'outbox_capture', 'processed_event')
			ORDER BY indexname
			""";

	@Test
	void theShippedMigrationsCreateWhatTheReferenceDdlCreates(EmbeddedStack stack) {
		try (HikariDataSource reference = TestDataSources.create(stack, stack.createDatabase("reference"));
				HikariDataSource migrated = TestDataSources.create(stack, stack.createDatabase("migrated"))) {
			new ResourceDatabasePopulator(new ClassPathResource("dev/waybill/outbox/schema-postgresql.sql"))
				.execute(reference);
			Flyway.configure().dataSource(migrated).locations(MIGRATIONS).load().migrate();

			for (String query : List.of(COLUMNS, CONSTRAINTS, INDEXES)) {
				List<String> expected = new JdbcTemplate(reference).queryForList(query, String.class);
				assertThat(expected).isNotEmpty();
				assertThat(new JdbcTemplate(migrated).queryForList(query, String.class)).as(query)
					.containsExactlyElementsOf(expected);
			}
		}
	}

}
