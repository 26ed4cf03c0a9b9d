package dev.waybill.outbox.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The writer and inbox scenarios on the embedded PostgreSQL, in a database of their own.
 */
@ExtendWith(EmbeddedStackExtension.class)
class JdbcOutboxIntegrationTests extends OutboxScenarios {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase(EmbeddedStack stack) {
		dataSource = TestDataSources.create(stack, stack.createDatabase("outbox"));
	}

	@AfterAll
	static void closeDataSource() {
		dataSource.close();
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

}
