package dev.waybill.relay.publish;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelayProperties.Delivery;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay's publishers, from its producer settings and topics, built once at startup.
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	@Bean
	Publishers relayPublishers(RelayProperties relay, MeterRegistry registry) {
		ProducerSettings producer = new ProducerSettings(relay.bootstrapServers(),
				relay.delivery() == Delivery.EXACTLY_ONCE, relay.transactionTimeout(),
				relay.producer().deliveryTimeout(), relay.producer().requestTimeout(), relay.producer().maxBlock(),
				RelayProperties.LINGER);
		return Publishers.kafka(producer,
				new Topics(relay.topicPrefix(), relay.deadLetterTopic(), relay.offsetsTopic()), registry,
				relay.cloudEvents().sourcePrefixIfEnabled());
	}

}
