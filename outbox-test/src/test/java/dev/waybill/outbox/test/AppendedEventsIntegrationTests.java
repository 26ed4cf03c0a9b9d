package dev.waybill.outbox.test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.waybill.outbox.jdbc.JdbcOutbox;
import dev.waybill.stack.ServiceDatabase;
import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.OutboxEvent;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.outbox.TraceparentSource;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(EmbeddedStackExtension.class)
class AppendedEventsIntegrationTests {

	@Test
	void readsBackWhatCommittedTransactionsAppendedInOrder(EmbeddedStack stack) {
		try (HikariDataSource dataSource = dataSource(stack, stack.createDatabase("appended"))) {
			new ResourceDatabasePopulator(new ClassPathResource("dev/waybill/outbox/schema-postgresql.sql"))
				.execute(dataSource);
			OutboxWriter writer = JdbcOutbox.writer(dataSource, new ObjectMapper(), TraceparentSource.none(),
					Clock.systemUTC(), "outbox_event", OutboxCleanup.NONE);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
			List<OutboxEvent> appended = transactions.execute((status) -> List.of(
					writer.append(new OutgoingEvent("order", "o-1", 1, "OrderPlaced", Map.of("lines", 2))),
					writer.append(new OutgoingEvent("order", "o-2", 1, "OrderPlaced", Map.of("lines", 1))),
					writer.append(new OutgoingEvent("order", "o-1", 2, "OrderConfirmed", Map.of()))));
			transactions.executeWithoutResult((status) -> {
				writer.append(new OutgoingEvent("order", "o-1", 3, "OrderCancelled", Map.of()));
				status.setRollbackOnly();
			});

			AppendedEvents events = AppendedEvents.in(dataSource);

			assertThat(events.all()).extracting(OutboxEvent::id)
				.containsExactly(appended.get(0).id(), appended.get(1).id(), appended.get(2).id());
			assertThat(events.of("order", "o-1")).usingRecursiveFieldByFieldElementComparatorIgnoringFields("payload")
				.containsExactly(appended.get(0), appended.get(2));
			assertThat(events.of("order", "o-1").get(0).payload()).isEqualTo("{\"lines\": 2}");
		}
	}

	@Test
	void refusesATableNameThatIsNotASafeIdentifier() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AppendedEvents.in(new DriverManagerDataSource(), "outbox_event; DROP TABLE x"));
	}

	private static HikariDataSource dataSource(EmbeddedStack stack, ServiceDatabase database) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(stack.jdbcUrl(database));
		dataSource.setUsername(database.user());
		dataSource.setPassword(database.password());
		return dataSource;
	}

}
