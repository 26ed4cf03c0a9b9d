package dev.waybill.outbox.kafka;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.util.StringUtils;

/**
 * The listener container factory of {@link OutboxListener} methods. They consume through
 * the application's own consumer factory, so its customizers and metrics stay, with the
 * settings an outbox consumer needs laid over it for these containers only: records of
 * committed relay transactions only, offsets committed by the container, and, where the
 * application set nothing, defaults that keep a consumer from missing events.
 *
 * <ul>
 * <li>A group, as a listener that has none would not start: the application's name.</li>
 * <li>{@code auto.offset.reset=earliest}: a new group, or one whose offsets expired,
 * starts from the oldest event kept rather than skipping everything published before it
 * joined.</li>
 * <li>{@code session.timeout.ms=10000}: a crashed instance's partitions move to the
 * others after 10 s instead of Kafka's 45, which otherwise stalls every saga waiting on
 * them. It applies to the classic group protocol, Spring Boot's default; under Kafka 4's
 * consumer protocol the broker decides.</li>
 * <li>{@code allow.auto.create.topics=false}: the relay creates the topics it publishes
 * to, with the settings it checks; a consumer that subscribes first waits for them rather
 * than creating them with the broker's defaults, and needs no ACL to create topics (where
 * it has none, Kafka refuses a consumer that asks to create a topic as it would refuse an
 * unauthorized read).</li>
 * </ul>
 */
final class OutboxListenerContainerFactory extends ConcurrentKafkaListenerContainerFactory<Object, Object> {

	static final String DEFAULT_AUTO_OFFSET_RESET = "earliest";

	static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

	private final @Nullable String defaultGroup;

	private final Properties defaults = new Properties();

	private final Properties required = new Properties();

	/**
	 * @param defaultGroup the group of a listener that names none, when the consumer
	 * factory has none either; {@code null} or empty when there is no default
	 * @param configured the settings of the application's consumer factory
	 */
	OutboxListenerContainerFactory(@Nullable String defaultGroup, Map<String, Object> configured) {
		this.defaultGroup = StringUtils.hasText(defaultGroup) ? defaultGroup : null;
		if (!configured.containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)) {
			this.defaults.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, DEFAULT_AUTO_OFFSET_RESET);
		}
		if (!configured.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
			this.defaults.setProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
					Integer.toString(DEFAULT_SESSION_TIMEOUT_MS));
		}
		if (!configured.containsKey(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG)) {
			this.defaults.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
		}
		this.required.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.required.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
	}

	// the defaults yield to a listener's own properties; what exactly-once needs does not
	@Override
	protected void initializeContainer(ConcurrentMessageListenerContainer<Object, Object> container,
			KafkaListenerEndpoint endpoint) {
		super.initializeContainer(container, endpoint);
		Properties settings = new Properties();
		settings.putAll(this.defaults);
		settings.putAll(container.getContainerProperties().getKafkaConsumerProperties());
		settings.putAll(this.required);
		container.getContainerProperties().setKafkaConsumerProperties(settings);
		if (!StringUtils.hasText(container.getGroupId())) {
			container.getContainerProperties().setGroupId(defaultGroup(endpoint));
		}
	}

	private String defaultGroup(KafkaListenerEndpoint endpoint) {
		if (this.defaultGroup == null) {
			throw new IllegalStateException("Outbox listener " + describe(endpoint)
					+ " has no consumer group: set spring.application.name (the outbox listeners' default group),"
					+ " spring.kafka.consumer.group-id, or the listener's groupId or id");
		}
		return this.defaultGroup;
	}

	private static String describe(KafkaListenerEndpoint endpoint) {
		if (endpoint instanceof MethodKafkaListenerEndpoint<?, ?> listener && listener.getMethod() != null) {
			Method method = listener.getMethod();
			return method.getDeclaringClass().getSimpleName() + "." + method.getName() + " on " + endpoint.getTopics();
		}
		return "on " + endpoint.getTopics();
	}

}
