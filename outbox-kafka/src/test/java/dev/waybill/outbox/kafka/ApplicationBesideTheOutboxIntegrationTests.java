package dev.waybill.outbox.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.waybill.outbox.OutboxEvent;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team's application with both outbox starters and settings of its own: three
 * {@link JsonMapper} beans (one snake_case, none primary), its own Kafka listener and
 * consumer settings. With every switch on, and with each one off, it starts, its listener
 * keeps the consumer settings it has without the library, and the outbox writes the
 * payload it writes for an application with no mapper of its own. The auto-configurations
 * come from the starters' registration files, as in an application.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationBesideTheOutboxIntegrationTests {

	private static final Instant SHIPPED_AT = Instant.parse("2026-12-06T10:15:30Z");

	private ApplicationContextRunner boot;

	private Map<String, Object> ownSettingsWithoutTheLibrary;

	private String payloadWithoutTheApplicationsMappers;

	@BeforeAll
	void startWithoutTheApplicationsSettings(EmbeddedStack stack) {
		ServiceDatabase database = stack.createDatabase("beside");
		this.boot = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, ValidationAutoConfiguration.class,
					KafkaAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + stack.jdbcUrl(database),
					"spring.datasource.username=" + database.user(),
					"spring.datasource.password=" + database.password(),
					"spring.kafka.bootstrap-servers=" + stack.bootstrapServers(),
					"spring.kafka.listener.auto-startup=false", "spring.application.name=beside",
					// Flyway is not on this module's class path: the reference DDL at
					// startup
					"waybill.outbox.schema=script");
		// the library alone creates the tables, which the schema=none case then finds
		this.payloadWithoutTheApplicationsMappers = appendedPayload(withTheLibrary(this.boot));
		this.ownSettingsWithoutTheLibrary = run(application(this.boot),
				ApplicationBesideTheOutboxIntegrationTests::ownListenerSettings);
		// the application's own settings, which the library must leave as they are
		assertThat(this.ownSettingsWithoutTheLibrary).containsEntry("max.poll.records", "7")
			.containsEntry("auto.offset.reset", "latest")
			.containsEntry("container.group", "own");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "every switch on", "waybill.outbox.enabled=false", "waybill.outbox.kafka.enabled=false",
			"waybill.outbox.schema=none" })
	void startsKeepsItsConsumerSettingsAndTheEventsKeepTheirPayload(String switched) {
		ApplicationContextRunner application = application(withTheLibrary(this.boot))
			.withPropertyValues(switched.startsWith("waybill.") ? switched : "waybill.outbox.enabled=true");

		run(application, (context) -> {
			assertThat(context).hasNotFailed();
			assertThat(ownListenerSettings(context)).isEqualTo(this.ownSettingsWithoutTheLibrary);
			assertThat(context.getBeanNamesForType(OutboxWriter.class))
				.hasSize(switched.startsWith("waybill.outbox.enabled") ? 0 : 1);
			return null;
		});
		if (!switched.startsWith("waybill.outbox.enabled")) {
			assertThat(appendedPayload(application)).isEqualTo(this.payloadWithoutTheApplicationsMappers)
				.contains("\"orderId\"", "\"shippedAt\": \"2026-12-06T10:15:30Z\"");
		}
	}

	// the auto-configurations the starters register, found as Spring Boot finds them
	private static ApplicationContextRunner withTheLibrary(ApplicationContextRunner boot) {
		ClassLoader loader = ApplicationBesideTheOutboxIntegrationTests.class.getClassLoader();
		List<Class<?>> waybill = ImportCandidates.load(AutoConfiguration.class, loader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("dev.waybill."))
			.<Class<?>>map((name) -> ClassUtils.resolveClassName(name, loader))
			.toList();
		assertThat(waybill).hasSizeGreaterThanOrEqualTo(3);
		return boot.withConfiguration(AutoConfigurations.of(waybill.toArray(Class<?>[]::new)));
	}

	private static ApplicationContextRunner application(ApplicationContextRunner runner) {
		return runner
			.withBean("snakeCaseMapper", JsonMapper.class,
					() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
			.withBean("secondMapper", JsonMapper.class, JsonMapper::new)
			.withBean("thirdMapper", JsonMapper.class, JsonMapper::new)
			.withBean(OwnListener.class)
			.withPropertyValues("spring.kafka.consumer.group-id=own-group",
					"spring.kafka.consumer.auto-offset-reset=latest",
					"spring.kafka.consumer.properties.max.poll.records=7",
					"spring.kafka.consumer.properties.session.timeout.ms=30000");
	}

	// what the application's own listener consumes with: its factory's consumer settings
	// and the container's group and overrides
	private static Map<String, Object> ownListenerSettings(AssertableApplicationContext context) {
		ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean("kafkaListenerContainerFactory",
				ConcurrentKafkaListenerContainerFactory.class);
		MessageListenerContainer own = Objects
			.requireNonNull(context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("own"));
		Map<String, Object> settings = new HashMap<>(factory.getConsumerFactory().getConfigurationProperties());
		settings.put("container.group", String.valueOf(own.getGroupId()));
		own.getContainerProperties()
			.getKafkaConsumerProperties()
			.forEach((key, value) -> settings.put("container." + key, value));
		settings.put("container.ack-mode", own.getContainerProperties().getAckMode());
		settings.put("container.error-handler",
				String.valueOf(((AbstractMessageListenerContainer<?, ?>) own).getCommonErrorHandler()));
		return settings;
	}

	// the payload as stored, which is what the relay publishes
	private static String appendedPayload(ApplicationContextRunner runner) {
		return run(runner, (context) -> {
			assertThat(context).hasNotFailed();
			OutboxEvent appended = Objects.requireNonNull(context.getBean(TransactionTemplate.class)
				.execute((status) -> context.getBean(OutboxWriter.class)
					.append(new OutgoingEvent("order", "o-1", 1, "OrderShipped",
							new OrderShipped("o-1", SHIPPED_AT)))));
			return context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT payload::text FROM outbox_event WHERE id = ?", String.class, appended.id());
		});
	}

	private static <T> T run(ApplicationContextRunner runner, ContextFunction<T> function) {
		AtomicReference<T> result = new AtomicReference<>();
		runner.run((context) -> result.set(function.apply(context)));
		return result.get();
	}

	@FunctionalInterface
	private interface ContextFunction<T> {

		T apply(AssertableApplicationContext context) throws Exception;

	}

	record OrderShipped(String orderId, Instant shippedAt) {
	}

	static class OwnListener {

		@KafkaListener(id = "own", topics = "application.own")
		void on(String value) {
		}

	}

}
