package dev.waybill.outbox.autoconfigure;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.waybill.outbox.Inbox;
import dev.waybill.outbox.Inbox.Receipt;
import dev.waybill.outbox.OutboxEvent;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured outbox in a Spring Boot context on the embedded PostgreSQL, with
 * the schema created by the opt-in initializer.
 */
@ExtendWith(EmbeddedStackExtension.class)
class OutboxAutoConfigurationIntegrationTests {

	@Test
	void appendsAndReceivesInTheApplicationsTransactions(EmbeddedStack stack) {
		SimpleTracer tracer = new SimpleTracer();
		runner(stack).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(Tracer.class, () -> tracer)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				OutboxWriter writer = context.getBean(OutboxWriter.class);
				SimpleSpan span = tracer.nextSpan();
				span.context().setTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
				span.context().setSpanId("00f067aa0ba902b7");
				span.context().setSampled(true);
				OutboxEvent appended;
				try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
					appended = Objects.requireNonNull(transactions.execute((status) -> writer
						.append(new OutgoingEvent("order", "o-1", 1, "OrderPlaced", Map.of("quantity", 2)))));
				}
				assertThat(appended.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
				assertThat(jdbc.queryForObject("SELECT traceparent FROM outbox_event WHERE id = ?", String.class,
						appended.id()))
					.isEqualTo(appended.traceparent());
				Inbox inbox = context.getBean(Inbox.class);
				UUID id = appended.id();
				assertThat(receiveInTransaction(transactions, inbox, id)).isEqualTo(Receipt.FIRST);
				assertThat(receiveInTransaction(transactions, inbox, id)).isEqualTo(Receipt.DUPLICATE);
				// the caller counts duplicates, once (outbox-kafka's
				// waybill.inbox.deliveries)
				assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
			});
	}

	@Test
	void theApplicationsOwnJsonMappersChangeNeitherThePayloadsNorStartup(EmbeddedStack stack) {
		String alone = appendedPayload(stack, runner(stack));
		String beside = appendedPayload(stack,
				runner(stack)
					.withBean("snakeCaseMapper", JsonMapper.class, OutboxAutoConfigurationIntegrationTests::snakeCase)
					.withBean("secondMapper", JsonMapper.class, JsonMapper::new)
					.withBean("thirdMapper", JsonMapper.class, JsonMapper::new));

		assertThat(beside).isEqualTo(alone).contains("\"orderId\"", "\"shippedAt\": \"2026-12-06T10:15:30Z\"");
	}

	@Test
	void theApplicationsPrimaryMapperWritesThePayloadsOnlyWhenChosen(EmbeddedStack stack) {
		ApplicationContextRunner snakeCasePrimary = runner(stack)
			.withBean("snakeCaseMapper", JsonMapper.class, OutboxAutoConfigurationIntegrationTests::snakeCase,
					(definition) -> definition.setPrimary(true))
			.withBean("secondMapper", JsonMapper.class, JsonMapper::new);

		assertThat(appendedPayload(stack, snakeCasePrimary)).contains("\"orderId\"");
		assertThat(appendedPayload(stack,
				snakeCasePrimary.withPropertyValues("waybill.outbox.payload-mapper=application")))
			.contains("\"order_id\"");
	}

	private static ApplicationContextRunner runner(EmbeddedStack stack) {
		ServiceDatabase database = stack.createDatabase("outbox");
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, OutboxAutoConfiguration.class,
					OutboxSchemaAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + stack.jdbcUrl(database),
					"spring.datasource.username=" + database.user(),
					"spring.datasource.password=" + database.password(), "waybill.outbox.schema=script");
	}

	// the payload as stored, which is what the relay publishes
	private static String appendedPayload(EmbeddedStack stack, ApplicationContextRunner runner) {
		AtomicReference<String> payload = new AtomicReference<>();
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			OutboxEvent appended = Objects.requireNonNull(context.getBean(TransactionTemplate.class)
				.execute((status) -> context.getBean(OutboxWriter.class)
					.append(new OutgoingEvent("order", "o-1", 1, "OrderShipped",
							new OrderShipped("o-1", Instant.parse("2026-12-06T10:15:30Z"))))));
			payload.set(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT payload::text FROM outbox_event WHERE id = ?", String.class, appended.id()));
		});
		return payload.get();
	}

	private static JsonMapper snakeCase() {
		return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
	}

	record OrderShipped(String orderId, Instant shippedAt) {
	}

	private static Receipt receiveInTransaction(TransactionTemplate transactions, Inbox inbox, UUID id) {
		return Objects.requireNonNull(transactions.execute((status) -> inbox.receive(id, "OrderPlaced")));
	}

}
