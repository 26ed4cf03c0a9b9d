package dev.waybill.relay.publish;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.kafka.KafkaClients;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay's publishers, from its producer settings and topics, built once at startup.
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	@Bean
	Publishers relayPublishers(RelayProperties relay, KafkaClients clients, MeterRegistry registry) {
		ProducerSettings producer = new ProducerSettings(clients, relay.delivery() == Delivery.EXACTLY_ONCE,
				relay.transactionTimeout(), relay.producer().deliveryTimeout(), relay.producer().requestTimeout(),
				relay.producer().maxBlock(), RelayProperties.LINGER);
		return Publishers.kafka(producer,
				new Topics(relay.topicPrefix(), relay.deadLetterTopic(), relay.offsetsTopic()), registry,
				relay.cloudEvents().sourcePrefixIfEnabled());
	}

}
