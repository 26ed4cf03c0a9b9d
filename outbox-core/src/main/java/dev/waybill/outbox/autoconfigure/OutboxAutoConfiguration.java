package dev.waybill.outbox.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import dev.waybill.outbox.Inbox;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.TraceparentSource;
import dev.waybill.outbox.jdbc.JdbcOutbox;
import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configures the outbox {@link OutboxWriter}, the {@link Inbox} and the outbox
 * cleanup on the application's single {@link DataSource}. Each bean backs off when the
 * application defines its own. Off with {@code waybill.outbox.enabled=false}.
 */
@AutoConfiguration(
		after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				TransactionAutoConfiguration.class, JacksonAutoConfiguration.class },
		afterName = {
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBooleanProperty(name = "waybill.outbox.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
final class OutboxAutoConfiguration {

	/**
	 * The writer on the application's data source.
	 * @param dataSource the data source
	 * @param applicationMappers the application's JSON mappers, used only when
	 * {@code payload-mapper} is {@code application}
	 * @param traces the trace context source, if there is one
	 * @param properties the settings
	 * @return the writer
	 */
	@Bean
	@ConditionalOnMissingBean
	OutboxWriter outboxWriter(DataSource dataSource, ObjectProvider<JsonMapper> applicationMappers,
			ObjectProvider<TraceparentSource> traces, OutboxProperties properties) {
		return JdbcOutbox.writer(dataSource,
				properties.payloadMapper().select(applicationMappers::getIfUnique, "waybill.outbox.payload-mapper"),
				traces.getIfAvailable(TraceparentSource::none), Clock.systemUTC(), properties.table(),
				properties.cleanup());
	}

	/**
	 * The inbox on the application's data source.
	 * @param dataSource the data source
	 * @param properties the settings
	 * @return the inbox
	 */
	@Bean
	@ConditionalOnMissingBean
	Inbox inbox(DataSource dataSource, OutboxProperties properties) {
		return JdbcOutbox.inbox(dataSource, properties.inboxTable());
	}

	/**
	 * The job that deletes old outbox rows, with the default {@code retention} cleanup.
	 * @param dataSource the data source
	 * @param properties the settings
	 * @return the job, started and stopped with the application context
	 */
	@Bean
	@ConditionalOnMissingBean(name = "outboxRetentionJob")
	@ConditionalOnProperty(prefix = "waybill.outbox", name = "cleanup", havingValue = "retention",
			matchIfMissing = true)
	SmartLifecycle outboxRetentionJob(DataSource dataSource, OutboxProperties properties) {
		return JdbcOutbox.retentionJob(dataSource, Clock.systemUTC(), properties.table(), properties.retention(),
				properties.cleanupInterval(), properties.cleanupBatchSize());
	}

	/**
	 * Reads the trace context from Micrometer Tracing, when it is there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean(TraceparentSource.class)
		@ConditionalOnBean(Tracer.class)
		TraceparentSource micrometerTraceparentSource(Tracer tracer) {
			return new MicrometerTraceparentSource(tracer);
		}

	}

}
