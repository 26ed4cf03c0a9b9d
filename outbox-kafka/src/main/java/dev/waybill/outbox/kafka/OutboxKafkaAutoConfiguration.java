package dev.waybill.outbox.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.waybill.outbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Auto-configuration for outbox consumers: the inbox-backed {@link IncomingEvents}, and
 * the listener container factory that {@link OutboxListener} methods run on. Only those
 * listeners get its settings ({@code read_committed} consumers without auto-commit, a
 * default group, {@code earliest} and a short session timeout where the application set
 * none, retries with exponential backoff, dead letters for poison records, and a retry
 * every 5 s after Kafka refuses a listener authorization where none is set); the
 * application's other consumers and listeners keep Spring Boot's. Off with
 * {@code waybill.outbox.kafka.enabled=false}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class,
		afterName = "dev.waybill.outbox.autoconfigure.OutboxAutoConfiguration")
@ConditionalOnBooleanProperty(name = "waybill.outbox.kafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxKafkaProperties.class)
final class OutboxKafkaAutoConfiguration {

	// how often a listener tries again after Kafka refused it, unless
	// spring.kafka.listener.auth-exception-retry-interval says otherwise
	static final Duration AUTH_RETRY_INTERVAL = Duration.ofSeconds(5);

	/**
	 * The container factory of {@link OutboxListener} methods: Spring Boot's listener
	 * settings ({@code spring.kafka.listener.*}) and the application's consumer factory,
	 * with what the outbox needs laid over it for these listeners only: records of
	 * committed relay transactions only, offsets committed by the container after the
	 * listener returned (so after the database commit), the outbox's error handler, and
	 * safe defaults where the application set nothing
	 * ({@link OutboxListenerContainerFactory}).
	 * @param configurer Spring Boot's configurer of listener container factories
	 * @param consumers the application's consumer factory
	 * @param template publishes the dead-letter records
	 * @param properties the retry and dead-letter settings
	 * @param environment holds {@code spring.application.name}, the default group
	 * @return the factory
	 */
	@Bean(OutboxListener.CONTAINER_FACTORY)
	@ConditionalOnMissingBean(name = OutboxListener.CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> outboxListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			KafkaOperations<?, ?> template, OutboxKafkaProperties properties, Environment environment) {
		OutboxListenerContainerFactory factory = new OutboxListenerContainerFactory(
				environment.getProperty("spring.application.name"), consumers.getConfigurationProperties());
		configurer.configure(factory, consumers);
		if (factory.getContainerProperties().getAuthExceptionRetryInterval() == null) {
			// without it a container stops for good at its first authorization error (an
			// ACL not granted yet, or a topic its user may read but not create that does
			// not exist yet), and its events wait until the service restarts
			factory.getContainerProperties().setAuthExceptionRetryInterval(AUTH_RETRY_INTERVAL);
		}
		factory.setCommonErrorHandler(errorHandler(template, properties));
		return factory;
	}

	/**
	 * Applies events through the inbox; without one (the outbox switched off, or no data
	 * source) there is nothing to apply events with, and the bean is left out.
	 * @param inbox the service's inbox
	 * @param transactionManager the transaction manager of the service's database
	 * @param applicationMappers the application's JSON mappers, used only when
	 * {@code payload-mapper} is {@code application}
	 * @param validator the Bean Validation validator
	 * @param meters the meter registry, when there is one
	 * @param properties the consumer settings
	 * @return the incoming events
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Inbox.class)
	IncomingEvents incomingEvents(Inbox inbox, PlatformTransactionManager transactionManager,
			ObjectProvider<JsonMapper> applicationMappers, Validator validator, ObjectProvider<MeterRegistry> meters,
			OutboxKafkaProperties properties) {
		JsonMapper mapper = properties.payloadMapper()
			.select(applicationMappers::getIfUnique, "waybill.outbox.kafka.payload-mapper");
		return new InboxIncomingEvents(inbox, new PayloadReader(mapper, validator),
				new TransactionTemplate(transactionManager), meters.getIfAvailable(),
				properties.batch().sharedTransaction());
	}

	// retries failures with exponential backoff, and sends records that are poison, or
	// still fail when the backoff is exhausted, to <topic><deadLetterSuffix>
	private static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, OutboxKafkaProperties properties) {
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

	/**
	 * The health of the listeners' access to Kafka, where Spring Boot's health support is
	 * on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static final class ListenerAccessHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "outboxListenersHealthIndicator")
		ListenerAccessHealthIndicator outboxListenersHealthIndicator(
				@Qualifier(OutboxListener.CONTAINER_FACTORY) ConcurrentKafkaListenerContainerFactory<?, ?> factory) {
			Duration interval = factory.getContainerProperties().getAuthExceptionRetryInterval();
			return new ListenerAccessHealthIndicator((interval != null) ? interval : AUTH_RETRY_INTERVAL);
		}

	}

}
