package dev.waybill.outbox.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.waybill.stack.ContainerImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The writer and inbox scenarios on a PostgreSQL container, for hosts with Docker;
 * skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
class OutboxTestcontainersIntegrationTests extends OutboxScenarios {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer(
			DockerImageName.parse(ContainerImages.postgres()).asCompatibleSubstituteFor("postgres"))
		.withCommand("postgres", "-c", "wal_level=logical");

	private static HikariDataSource dataSource;

	@BeforeAll
	static void connect() {
		dataSource = TestDataSources.create(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
	}

	@AfterAll
	static void closeDataSource() {
		if (dataSource != null) {
			dataSource.close();
		}
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

}
