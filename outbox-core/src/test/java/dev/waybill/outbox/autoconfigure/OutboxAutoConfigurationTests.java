package dev.waybill.outbox.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.waybill.outbox.Inbox;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.TraceparentSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class OutboxAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OutboxAutoConfiguration.class))
		// Never connected to: these tests only look at the beans.
		.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://localhost:1/unused"));

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("waybill.outbox.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OutboxWriter.class)
				.doesNotHaveBean(Inbox.class)
				.doesNotHaveBean("outboxRetentionJob"));
	}

	@Test
	void providesAWriterAnInboxAndTheRetentionJobByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OutboxWriter.class)
				.hasSingleBean(Inbox.class)
				.hasBean("outboxRetentionJob")
				.doesNotHaveBean(DataSourceScriptDatabaseInitializer.class);
			assertThat(context.getBean("outboxRetentionJob", SmartLifecycle.class).isRunning()).isTrue();
			OutboxProperties properties = context.getBean(OutboxProperties.class);
			assertThat(properties.table()).isEqualTo("outbox_event");
			assertThat(properties.inboxTable()).isEqualTo("processed_event");
			assertThat(properties.cleanup()).isEqualTo(dev.waybill.outbox.OutboxCleanup.RETENTION);
			assertThat(properties.retention()).hasHours(1);
			assertThat(properties.cleanupInterval()).hasMinutes(1);
			assertThat(properties.cleanupBatchSize()).isEqualTo(1000);
			assertThat(properties.schema()).isEqualTo(OutboxSchema.FLYWAY);
		});
	}

	@Test
	void runsNoRetentionJobWithTheOtherCleanupModes() {
		this.contextRunner.withPropertyValues("waybill.outbox.cleanup=delete-after-insert")
			.run((context) -> assertThat(context).hasSingleBean(OutboxWriter.class)
				.doesNotHaveBean("outboxRetentionJob"));
		this.contextRunner.withPropertyValues("waybill.outbox.cleanup=none")
			.run((context) -> assertThat(context).doesNotHaveBean("outboxRetentionJob"));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnBeans() {
		OutboxWriter writer = (event) -> {
			throw new UnsupportedOperationException();
		};
		Inbox inbox = (id, type) -> Inbox.Receipt.FIRST;
		this.contextRunner.withBean(OutboxWriter.class, () -> writer)
			.withBean(Inbox.class, () -> inbox)
			.run((context) -> {
				assertThat(context.getBean(OutboxWriter.class)).isSameAs(writer);
				assertThat(context.getBean(Inbox.class)).isSameAs(inbox);
			});
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OutboxAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OutboxWriter.class));
	}

	@Test
	void readsTheTraceContextFromMicrometerTracingWhenThereIsATracer() {
		this.contextRunner.withBean(Tracer.class, SimpleTracer::new)
			.run((context) -> assertThat(context.getBean(TraceparentSource.class))
				.isInstanceOf(MicrometerTraceparentSource.class));
	}

	@Test
	void worksWithoutMicrometerOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class, Tracer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(OutboxWriter.class)
				.hasSingleBean(Inbox.class)
				.doesNotHaveBean(TraceparentSource.class));
	}

	@ParameterizedTest(name = "{argumentSetName}: {0}")
	@MethodSource("invalidSettings")
	void failsAtStartupOnAnInvalidSetting(String setting, List<String> expectedInMessage) {
		this.contextRunner.withPropertyValues(setting).run((context) -> {
			AbstractThrowableAssert<?, ?> rootCause = assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class);
			expectedInMessage.forEach(rootCause::hasMessageContaining);
		});
	}

	static Stream<Arguments> invalidSettings() {
		return Stream.of(
				argumentSet("an unsafe table name", "waybill.outbox.table=outbox; DROP TABLE orders",
						List.of("waybill.outbox", "'table'", "must be a table name such as outbox_event")),
				argumentSet("an unsafe inbox table name", "waybill.outbox.inbox-table=1processed",
						List.of("'inboxTable'")),
				argumentSet("a negative retention", "waybill.outbox.retention=-1h", List.of("'retention'")),
				argumentSet("a zero cleanup interval", "waybill.outbox.cleanup-interval=0s",
						List.of("'cleanupInterval'")),
				argumentSet("a batch size below one", "waybill.outbox.cleanup-batch-size=0",
						List.of("'cleanupBatchSize'")));
	}

	@Test
	void failsAtStartupOnAnUnknownCleanupMode() {
		this.contextRunner.withPropertyValues("waybill.outbox.cleanup=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'waybill.outbox.cleanup'")
				.rootCause()
				.hasMessage("No enum constant dev.waybill.outbox.OutboxCleanup.sometimes"));
	}

}
