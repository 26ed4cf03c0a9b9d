package dev.waybill.relay.kafka;

import java.util.List;

import dev.waybill.relay.RelayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's Kafka clients as Spring Boot configures them from {@code spring.kafka.*}:
 * no broker is reached, only the settings each client would start with are read.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaClientsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SslAutoConfiguration.class))
		.withUserConfiguration(Relay.class)
		.withPropertyValues("waybill.relay.sources[0].name=orders",
				"waybill.relay.sources[0].jdbc-url=jdbc:postgresql://localhost:5432/orders",
				"waybill.relay.sources[0].username=relay");

	@Test
	void everyClientTakesTheBrokersSecurityAndPropertiesOfSpringKafka() {
		this.runner
			.withPropertyValues("spring.kafka.bootstrap-servers=b1:9093,b2:9093",
					"spring.kafka.properties.security.protocol=SASL_PLAINTEXT",
					"spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
					"spring.kafka.producer.compression-type=zstd", "spring.kafka.consumer.max-poll-records=7")
			.run((context) -> {
				KafkaClients clients = context.getBean(KafkaClients.class);
				for (var settings : List.of(clients.producerFor("p"), clients.consumerFor(true), clients.admin())) {
					assertThat(settings).containsEntry("bootstrap.servers", List.of("b1:9093", "b2:9093"))
						.containsEntry("security.protocol", "SASL_PLAINTEXT")
						.containsEntry("sasl.mechanism", "SCRAM-SHA-512");
				}
				assertThat(clients.producerFor("p")).containsEntry("compression.type", "zstd");
				assertThat(clients.consumerFor(true)).containsEntry("max.poll.records", 7);
			});
	}

	@Test
	void anSslBundleReachesEveryClient() {
		this.runner
			.withPropertyValues("spring.kafka.bootstrap-servers=b1:9093",
					"spring.ssl.bundle.pem.kafka.truststore.certificate=classpath:kafka/test-ca.crt",
					"spring.kafka.ssl.bundle=kafka", "spring.kafka.security.protocol=SSL")
			.run((context) -> {
				KafkaClients clients = context.getBean(KafkaClients.class);
				for (var settings : List.of(clients.producerFor("p"), clients.consumerFor(true), clients.admin())) {
					assertThat(settings).containsEntry("security.protocol", "SSL")
						.containsEntry("ssl.engine.factory.class", SslBundleSslEngineFactory.class);
				}
			});
	}

	@Test
	void theDeprecatedBootstrapServersStillWorkWithAWarning(CapturedOutput output) {
		this.runner.withPropertyValues("waybill.relay.bootstrap-servers=old:9092").run((context) -> {
			KafkaClients clients = context.getBean(KafkaClients.class);
			for (var settings : List.of(clients.producerFor("p"), clients.consumerFor(true), clients.admin())) {
				assertThat(settings).containsEntry("bootstrap.servers", "old:9092");
			}
			assertThat(output).contains("waybill.relay.bootstrap-servers is deprecated: set "
					+ "spring.kafka.bootstrap-servers=old:9092 instead");
		});
	}

	@Test
	void refusesTheDeprecatedBootstrapServersBesideSpringKafkas() {
		this.runner
			.withPropertyValues("waybill.relay.bootstrap-servers=old:9092", "spring.kafka.bootstrap-servers=new:9092")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("waybill.relay.bootstrap-servers and spring.kafka.bootstrap-servers are both set: remove "
						+ "waybill.relay.bootstrap-servers, which spring.kafka.bootstrap-servers replaces"));
	}

	@Test
	void refusesASettingThatWouldWeakenPublicationNamingIt() {
		this.runner.withPropertyValues("spring.kafka.producer.acks=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("The Kafka producer setting acks=1")
				.hasMessageContaining("the relay uses acks=all or -1"));
	}

	@Test
	void refusesATransactionIdPrefix() {
		this.runner.withPropertyValues("spring.kafka.producer.transaction-id-prefix=tx-")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("spring.kafka.producer.transaction-id-prefix is refused"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RelayProperties.class)
	@Import(KafkaClientsConfiguration.class)
	static class Relay {

	}

}
