package dev.waybill.outbox.autoconfigure;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxSchemaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OutboxSchemaAutoConfiguration.class))
		// Never connected to: these tests only look at the beans.
		.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://localhost:1/unused"));

	@Test
	void createsNothingWhenTheServiceOwnsTheSchema() {
		this.contextRunner.withPropertyValues("waybill.outbox.schema=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OutboxSchemaMigration.class)
				.doesNotHaveBean(DataSourceScriptDatabaseInitializer.class));
	}

	@Test
	void createsNothingWhenTheOutboxIsSwitchedOff() {
		this.contextRunner.withPropertyValues("waybill.outbox.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OutboxSchemaMigration.class));
	}

	@Test
	void failsAtStartupAndSaysWhatToDoWhenTheDefaultFindsNoFlyway() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Flyway.class))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("waybill.outbox.schema=flyway (the default)")
				.hasMessageContaining("not on the class path")
				.hasMessageContaining("waybill.outbox.schema=script"));
	}

	@Test
	void refusesToCreateRenamedTables() {
		for (String schema : new String[] { "flyway", "script" }) {
			this.contextRunner
				.withPropertyValues("waybill.outbox.schema=" + schema, "waybill.outbox.table=orders.outbox")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("waybill.outbox.schema=" + schema
							+ " creates the default tables outbox_event and processed_event only")
					.hasMessageContaining("waybill.outbox.table=orders.outbox")
					.hasMessageContaining("set waybill.outbox.schema=none"));
		}
	}

}
