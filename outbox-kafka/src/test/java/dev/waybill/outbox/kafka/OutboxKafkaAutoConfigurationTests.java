package dev.waybill.outbox.kafka;

import dev.waybill.outbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
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
		.withPropertyValues("spring.kafka.consumer.properties.max.poll.records=7");

	@Test
	void outboxListenersReadCommittedRecordsAndCommitOffsetsThemselves() {
		this.contextRunner.run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> outbox = context
				.getBean(OutboxKafkaAutoConfiguration.CONTAINER_FACTORY, ConcurrentKafkaListenerContainerFactory.class);
			assertThat(outbox.getConsumerFactory().getConfigurationProperties())
				.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
				.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
				.containsEntry("max.poll.records", "7");
			assertThat(outbox).extracting("commonErrorHandler").isInstanceOf(DefaultErrorHandler.class);
		});
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
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("waybill.outbox.kafka.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OutboxKafkaAutoConfiguration.CONTAINER_FACTORY)
				.doesNotHaveBean(IncomingEvents.class)
				.hasBean("kafkaListenerContainerFactory"));
	}

}
