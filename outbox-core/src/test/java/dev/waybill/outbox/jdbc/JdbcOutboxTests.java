package dev.waybill.outbox.jdbc;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.TraceparentSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JdbcOutboxTests {

	private final DataSource dataSource = new DriverManagerDataSource("jdbc:postgresql://localhost:1/unused");

	@ParameterizedTest
	@ValueSource(strings = { "outbox_event", "Orders.outbox_event", "_outbox", "s1.t_2" })
	void acceptsPlainAndSchemaQualifiedTableNames(String table) {
		assertThat(JdbcOutbox.inbox(this.dataSource, table)).isNotNull();
		assertThat(JdbcOutbox.writer(this.dataSource, new ObjectMapper(), TraceparentSource.none(), Clock.systemUTC(),
				table, OutboxCleanup.NONE))
			.isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1outbox", "outbox event", "outbox;DROP TABLE orders", "\"outbox\"", "a.b.c",
			"outbox-event" })
	void rejectsTableNamesThatAreNotPlainIdentifiers(String table) {
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcOutbox.inbox(this.dataSource, table))
			.withMessageContaining("is not a valid table name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcOutbox.retentionJob(this.dataSource, Clock.systemUTC(), table, Duration.ofHours(1),
					Duration.ofMinutes(1), 100))
			.withMessageContaining("is not a valid table name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "-PT1S", "PT0.0001S" })
	void rejectsARetentionBelowOneMillisecond(String retention) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcOutbox.retentionJob(this.dataSource, Clock.systemUTC(), "outbox_event",
					Duration.parse(retention), Duration.ofMinutes(1), 100))
			.withMessageStartingWith("retention must be at least 1ms");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void rejectsABatchSizeBelowOne(int batchSize) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcOutbox.retentionJob(this.dataSource, Clock.systemUTC(), "outbox_event",
					Duration.ofHours(1), Duration.ofMinutes(1), batchSize))
			.withMessage("batchSize must be at least 1, was " + batchSize);
	}

}
