package dev.waybill.relay;

import java.util.HashMap;
import java.util.Map;

import dev.waybill.relay.kafka.KafkaClients;
import dev.waybill.relay.offsets.OffsetsTopic;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds {@code waybill.relay.*} settings as Spring Boot would, for unit tests: one source
 * named {@code orders}, plus the settings given.
 */
public final class RelaySettings {

	private RelaySettings() {
	}

	/**
	 * @param settings names under {@code waybill.relay.}, such as {@code poll-interval}
	 * @return the bound properties
	 */
	public static RelayProperties bind(Map<String, String> settings) {
		Map<String, String> all = new HashMap<>(Map.of("sources[0].name", "orders", "sources[0].jdbc-url",
				"jdbc:postgresql://localhost:5432/orders", "sources[0].username", "relay"));
		all.putAll(settings);
		Map<String, String> prefixed = new HashMap<>();
		all.forEach((key, value) -> prefixed.put("waybill.relay." + key, value));
		return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("waybill.relay",
				RelayProperties.class);
	}

	/**
	 * @param relay bound settings
	 * @return their offsets topic, on a broker at {@code localhost:9092}
	 */
	public static OffsetsTopic offsets(RelayProperties relay) {
		return new OffsetsTopic(KafkaClients.to("localhost:9092"), relay.offsetsTopic(), relay.transactionTimeout());
	}

}
