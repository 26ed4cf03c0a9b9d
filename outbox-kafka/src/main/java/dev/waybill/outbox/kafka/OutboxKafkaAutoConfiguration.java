package dev.waybill.outbox.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.waybill.outbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Auto-configuration for outbox consumers: {@code read_committed} consumers without
 * auto-commit, the inbox-backed {@link IncomingEvents}, and an error handler that retries
 * with exponential backoff and dead-letters poison records.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(OutboxKafkaProperties.class)
public class OutboxKafkaAutoConfiguration {

	/**
	 * The consumer settings the outbox needs whatever the application configured: only
	 * records of committed relay transactions, and offsets committed by the listener
	 * container after the listener returned (so after the database commit).
	 * @return the customizer
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer outboxConsumerSettings() {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
	}

	/**
	 * Applies events through the inbox.
	 * @param inbox the service's inbox
	 * @param transactionManager the transaction manager of the service's database
	 * @param objectMapper the application's object mapper; without one (no Spring MVC), a
	 * mapper with the modules found on the class path
	 * @param validator the Bean Validation validator
	 * @param meters the meter registry, when there is one
	 * @return the incoming events
	 */
	@Bean
	@ConditionalOnMissingBean
	IncomingEvents incomingEvents(Inbox inbox, PlatformTransactionManager transactionManager,
			ObjectProvider<ObjectMapper> objectMapper, Validator validator, ObjectProvider<MeterRegistry> meters) {
		ObjectMapper mapper = objectMapper.getIfAvailable(() -> JsonMapper.builder().findAndAddModules().build());
		return new InboxIncomingEvents(inbox, new PayloadReader(mapper, validator),
				new TransactionTemplate(transactionManager), meters.getIfAvailable());
	}

	/**
	 * Retries failures with exponential backoff and sends records that are poison, or
	 * still fail when the backoff is exhausted, to {@code <topic><deadLetterSuffix>}.
	 * @param template publishes the dead-letter records
	 * @param properties the retry and dead-letter settings
	 * @return the error handler, picked up by Spring Boot's listener container factory
	 */
	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler outboxErrorHandler(KafkaOperations<?, ?> template, OutboxKafkaProperties properties) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + properties.deadLetterSuffix(), -1));
		recoverer.setHeadersFunction((record, ex) -> new RecordHeaders(
				new RecordHeader[] { new RecordHeader(DeadLetterHeaders.REASON, reason(ex)) }));
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(properties.retry()));
		handler.addNotRetryableExceptions(PoisonRecordException.class);
		return handler;
	}

	private static byte[] reason(Exception ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		PoisonRecordException poison = findPoison(ex);
		String reason = (poison != null) ? poison.getMessage() : cause.getClass().getName() + ": " + cause.getMessage();
		return String.valueOf(reason).getBytes(StandardCharsets.UTF_8);
	}

	private static @Nullable PoisonRecordException findPoison(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof PoisonRecordException poison) {
				return poison;
			}
		}
		return null;
	}

	private static ExponentialBackOff backOff(OutboxKafkaProperties.Retry retry) {
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
		return backOff;
	}

}
