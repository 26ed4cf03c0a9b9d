package dev.waybill.relay.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.waybill.relay.RelayProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The relay's {@link KafkaClients}, from the producer, consumer and admin settings of
 * Spring Boot's Kafka auto-configuration: whatever Boot resolves ({@code spring.kafka.*},
 * SSL bundles, connection details) reaches the relay's clients too.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KafkaClientsConfiguration.class);

	static final String DEPRECATED = "waybill.relay.bootstrap-servers";

	static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	@Bean
	KafkaClients relayKafkaClients(ProducerFactory<?, ?> producers, ConsumerFactory<?, ?> consumers, KafkaAdmin admin,
			KafkaProperties kafka, RelayProperties relay, Environment environment) {
		if (kafka.getProducer().getTransactionIdPrefix() != null) {
			throw new IllegalArgumentException("spring.kafka.producer.transaction-id-prefix is refused: the relay "
					+ "gives each source's producer a transactional.id of its own, which fences an earlier leader's");
		}
		List<Map<String, Object>> settings = List.of(new HashMap<>(producers.getConfigurationProperties()),
				new HashMap<>(consumers.getConfigurationProperties()),
				new HashMap<>(admin.getConfigurationProperties()));
		String deprecated = relay.bootstrapServers();
		if (deprecated != null) {
			useDeprecatedBootstrapServers(deprecated, environment);
			settings.forEach((client) -> client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, deprecated));
		}
		return new KafkaClients(settings.get(0), settings.get(1), settings.get(2));
	}

	private static void useDeprecatedBootstrapServers(String servers, Environment environment) {
		if (Binder.get(environment).bind(BOOTSTRAP_SERVERS, Bindable.listOf(String.class)).isBound()) {
			throw new IllegalArgumentException(DEPRECATED + " and " + BOOTSTRAP_SERVERS + " are both set: remove "
					+ DEPRECATED + ", which " + BOOTSTRAP_SERVERS + " replaces");
		}
		log.warn("{} is deprecated: set {}={} instead (with spring.kafka.* for the other client settings)", DEPRECATED,
				BOOTSTRAP_SERVERS, servers);
	}

}
