package dev.waybill.outbox.kafka;

import java.time.Duration;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import dev.waybill.outbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's consumer settings reach the outbox listeners only, and the whole
 * auto-configuration has a switch.
 */
class OutboxKafkaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ValidationAutoConfiguration.class,
				OutboxKafkaAutoConfiguration.class))
		.withBean(Inbox.class, () -> (id, type) -> Inbox.Receipt.FIRST)
		.withBean(PlatformTransactionManager.class,
				() -> new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:postgresql://localhost/none")))
		.withPropertyValues("spring.kafka.consumer.properties.max.poll.records=7",
				"spring.kafka.listener.auto-startup=false");

	// the unnamed listener needs a group: the application's name
	private final ApplicationContextRunner listening = this.contextRunner.withBean(Listeners.class)
		.withPropertyValues("spring.application.name=orders");

	private static final String UNNAMED = "unnamed";

	@Test
	void outboxListenersReadCommittedRecordsAndCommitOffsetsThemselvesThroughTheApplicationsConsumerFactory() {
		this.listening.run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> outbox = context.getBean(OutboxListener.CONTAINER_FACTORY,
					ConcurrentKafkaListenerContainerFactory.class);
			assertThat(outbox.getConsumerFactory()).isSameAs(context.getBean(ConsumerFactory.class));
			assertThat(settings(context, "named"))
				.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
				.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
			assertThat(outbox).extracting("commonErrorHandler").isInstanceOf(DefaultErrorHandler.class);
		});
	}

	@Test
	void aNewOutboxConsumerGroupStartsFromTheOldestEventWithAShortSessionTimeoutUnlessTheApplicationSetsOthers() {
		this.listening.run((context) -> assertThat(settings(context, "named"))
			.containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
			.containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000")
			.containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"));
		this.listening
			.withPropertyValues("spring.kafka.consumer.auto-offset-reset=latest",
					"spring.kafka.consumer.properties.session.timeout.ms=30000",
					"spring.kafka.consumer.properties.allow.auto.create.topics=true")
			.run((context) -> assertThat(settings(context, "named")).doesNotContainKeys(
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
					ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG));
	}

	@Test
	void aListenerRefusedByKafkaTriesAgainRatherThanStoppingForGoodUnlessTheApplicationSetsItsOwnInterval() {
		this.listening.run(
				(context) -> assertThat(outboxFactory(context).getContainerProperties().getAuthExceptionRetryInterval())
					.isEqualTo(Duration.ofSeconds(5)));
		this.listening.withPropertyValues("spring.kafka.listener.auth-exception-retry-interval=30s")
			.run((context) -> assertThat(
					outboxFactory(context).getContainerProperties().getAuthExceptionRetryInterval())
				.isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void reportsTheListenersAccessToKafkaAsHealthWithTheRetryIntervalInEffect() {
		this.listening.withPropertyValues("spring.kafka.listener.auth-exception-retry-interval=30s")
			.run((context) -> assertThat(context).getBean("outboxListenersHealthIndicator")
				.isInstanceOf(ListenerAccessHealthIndicator.class)
				.hasFieldOrPropertyWithValue("retryInterval", Duration.ofSeconds(30)));
	}

	private static ConcurrentKafkaListenerContainerFactory<?, ?> outboxFactory(ApplicationContext context) {
		return context.getBean(OutboxListener.CONTAINER_FACTORY, ConcurrentKafkaListenerContainerFactory.class);
	}

	@Test
	void aListenersOwnPropertiesOverrideTheDefaultsButNotReadCommitted() {
		this.listening.run((context) -> assertThat(settings(context, "own"))
			.containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
			.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
			.containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000"));
	}

	@Test
	void aListenerWithoutAGroupJoinsTheApplicationsNamedGroup() {
		this.listening.withPropertyValues("spring.application.name=shipping").run((context) -> {
			assertThat(container(context, "named").getGroupId()).isEqualTo("named");
			assertThat(container(context, UNNAMED).getGroupId()).isEqualTo("shipping");
		});
		this.listening.withPropertyValues("spring.application.name=shipping", "spring.kafka.consumer.group-id=billing")
			.run((context) -> assertThat(container(context, UNNAMED).getGroupId()).isEqualTo("billing"));
	}

	@Test
	void aListenerWithoutAnyGroupStopsStartupNamingTheSettings() {
		this.contextRunner.withBean(UnnamedListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining(
						"Outbox listener UnnamedListener.unnamed on [outbox.event.b] has no consumer group")
				.hasMessageContaining("spring.application.name"));
	}

	@Test
	void theApplicationsOtherListenersKeepSpringBootsSettings() {
		this.contextRunner.run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> application = context.getBean("kafkaListenerContainerFactory",
					ConcurrentKafkaListenerContainerFactory.class);
			assertThat(application.getConsumerFactory().getConfigurationProperties())
				.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted")
				.doesNotContainKey(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)
				.containsEntry("max.poll.records", "7");
			assertThat(application).extracting("commonErrorHandler").isNull();
		});
	}

	@Test
	void withoutAnInboxTheListenersFactoryStaysAndIncomingEventsAreLeftOut() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ValidationAutoConfiguration.class,
					OutboxKafkaAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean(OutboxListener.CONTAINER_FACTORY)
				.doesNotHaveBean(IncomingEvents.class));
	}

	@Test
	void itsSwitchIsDescribedForIdes() throws Exception {
		List<String> metadata = new ArrayList<>();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				metadata.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(metadata).anySatisfy((json) -> assertThat(json).contains("\"waybill.outbox.kafka.enabled\"")
			.contains("\"waybill.outbox.kafka.dead-letter-suffix\""));
	}

	@Test
	void theApplicationsOwnJsonMappersDoNotStopStartupUnlessChosenWithoutAPrimaryOne() {
		ApplicationContextRunner mappers = this.contextRunner
			.withBean("snakeCaseMapper", JsonMapper.class,
					() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
			.withBean("secondMapper", JsonMapper.class, JsonMapper::new)
			.withBean("thirdMapper", JsonMapper.class, JsonMapper::new);
		mappers.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(IncomingEvents.class));
		mappers.withPropertyValues("waybill.outbox.kafka.payload-mapper=application")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"waybill.outbox.kafka.payload-mapper=application needs the application's JsonMapper"));
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("waybill.outbox.kafka.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OutboxListener.CONTAINER_FACTORY)
				.doesNotHaveBean(IncomingEvents.class)
				.hasBean("kafkaListenerContainerFactory"));
	}

	private static Properties settings(AssertableApplicationContext context, String listener) {
		return container(context, listener).getContainerProperties().getKafkaConsumerProperties();
	}

	private static MessageListenerContainer container(AssertableApplicationContext context, String listener) {
		KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
		if (UNNAMED.equals(listener)) {
			return registry.getListenerContainers()
				.stream()
				.filter((container) -> container.getContainerProperties().getTopics()[0].equals("outbox.event.b"))
				.findFirst()
				.orElseThrow();
		}
		MessageListenerContainer container = registry.getListenerContainer(listener);
		assertThat(container).as(listener).isNotNull();
		return container;
	}

	static class Listeners {

		@OutboxListener(id = "named", topics = "outbox.event.a")
		void named(String value) {
		}

		@OutboxListener(topics = "outbox.event.b")
		void unnamed(String value) {
		}

		@OutboxListener(id = "own", topics = "outbox.event.c",
				properties = { "auto.offset.reset=latest", "isolation.level=read_uncommitted" })
		void own(String value) {
		}

	}

	static class UnnamedListener {

		@OutboxListener(topics = "outbox.event.b")
		void unnamed(String value) {
		}

	}

}
