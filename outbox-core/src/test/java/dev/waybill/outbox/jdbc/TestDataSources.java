package dev.waybill.outbox.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;

/**
 * Pooled data sources for the integration tests: the race scenarios need a few
 * connections at once.
 */
final class TestDataSources {

	private TestDataSources() {
	}

	static HikariDataSource create(EmbeddedStack stack, ServiceDatabase database) {
		return create(stack.jdbcUrl(database), database.user(), database.password());
	}

	static HikariDataSource create(String url, String user, String password) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		dataSource.setMaximumPoolSize(4);
		return dataSource;
	}

}
