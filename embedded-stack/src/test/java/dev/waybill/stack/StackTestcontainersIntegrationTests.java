package dev.waybill.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same checks as {@link EmbeddedStackIntegrationTests}, on containers: the path users
 * with Docker take. Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class StackTestcontainersIntegrationTests {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer(
			DockerImageName.parse(ContainerImages.postgres()).asCompatibleSubstituteFor("postgres"))
		.withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=16", "-c",
				"max_wal_senders=16");

	@Container
	static final KafkaContainer kafka = new KafkaContainer(
			DockerImageName.parse(ContainerImages.kafka()).asCompatibleSubstituteFor("apache/kafka"));

	@Test
	void postgresContainerRunsWithLogicalDecoding() throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW wal_level")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo("logical");
		}
	}

	@Test
	void kafkaContainerAcceptsAndServesRecords() {
		EmbeddedStackIntegrationTests.send(kafka.getBootstrapServers(), "container-smoke", "hello");
		assertThat(EmbeddedStackIntegrationTests.readAll(kafka.getBootstrapServers(), "container-smoke"))
			.containsExactly("hello");
	}

}
