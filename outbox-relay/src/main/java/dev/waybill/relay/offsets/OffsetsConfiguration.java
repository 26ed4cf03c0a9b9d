package dev.waybill.relay.offsets;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.kafka.KafkaClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay's {@link OffsetsTopic}, which every capture commits its positions to.
 */
@Configuration(proxyBeanMethods = false)
class OffsetsConfiguration {

	@Bean
	OffsetsTopic relayOffsetsTopic(RelayProperties relay, KafkaClients clients) {
		return new OffsetsTopic(clients, relay.offsetsTopic(), relay.transactionTimeout());
	}

}
