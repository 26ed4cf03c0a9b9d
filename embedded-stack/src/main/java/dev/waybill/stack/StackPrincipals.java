package dev.waybill.stack;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka users of the stack's relay and services, and the least each may do, as the
 * ACLs of a secured broker grant it:
 * <ul>
 * <li>the relay writes the outbox topics ({@code outbox.event.*}), its dead-letter topic
 * and its offsets topic, which it also reads back, with its own transactional ids
 * ({@code waybill-relay-*}); it may read the cluster's configuration, to check how its
 * topics are replicated;</li>
 * <li>each service reads only the topics it consumes, in its own group, and writes only
 * their dead-letter topics.</li>
 * </ul>
 * The names are the defaults of the relay and of the services' configuration.
 */
public final class StackPrincipals {

	private static final String OUTBOX_TOPICS = "outbox.event.";

	private static final String DEAD_LETTER_SUFFIX = ".dlt";

	private StackPrincipals() {
	}

	/**
	 * Creates the users with the secrets' passwords and grants their ACLs; users and ACLs
	 * that exist already are set again, so it may run at every start.
	 * @param access the broker's administration
	 * @param secrets the passwords
	 */
	public static void grant(KafkaAccess access, StackSecrets secrets) {
		for (String user : StackSecrets.users()) {
			access.createUser(user, secrets.password(user));
		}
		List<AclBinding> bindings = new ArrayList<>(relay());
		bindings.addAll(service(ServiceDatabase.ORDERS.user(), "order-service", "reservation", "product"));
		bindings.addAll(service(ServiceDatabase.INVENTORY.user(), "inventory-service", "order"));
		access.grant(bindings);
	}

	/**
	 * @return the relay's ACLs, under the relay's default names
	 */
	public static List<AclBinding> relay() {
		return relay(OUTBOX_TOPICS, "waybill.relay.dead-letter", "waybill.relay.offsets");
	}

	/**
	 * The relay's ACLs, under the names it is configured with.
	 * @param topicPrefix its {@code topic-prefix}
	 * @param deadLetterTopic its {@code dead-letter-topic}
	 * @param offsetsTopic its {@code offsets-topic}
	 * @return the ACLs
	 */
	public static List<AclBinding> relay(String topicPrefix, String deadLetterTopic, String offsetsTopic) {
		String relay = ServiceDatabase.RELAY_USER;
		List<AclBinding> bindings = new ArrayList<>();
		ResourcePattern outbox = new ResourcePattern(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED);
		for (ResourcePattern written : List.of(outbox, literal(ResourceType.TOPIC, deadLetterTopic))) {
			bindings.addAll(KafkaAccess.bindings(relay, written, AclOperation.CREATE, AclOperation.WRITE,
					AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
		}
		bindings.addAll(KafkaAccess.bindings(relay, literal(ResourceType.TOPIC, offsetsTopic), AclOperation.CREATE,
				AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
		bindings.addAll(KafkaAccess.bindings(relay,
				new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "waybill-relay-", PatternType.PREFIXED),
				AclOperation.WRITE, AclOperation.DESCRIBE));
		bindings.addAll(KafkaAccess.bindings(relay, literal(ResourceType.CLUSTER, "kafka-cluster"),
				AclOperation.DESCRIBE_CONFIGS));
		return bindings;
	}

	/**
	 * @param user the service's user
	 * @param group its consumer group
	 * @param aggregates the aggregate types whose events it consumes
	 * @return the service's ACLs
	 */
	public static List<AclBinding> service(String user, String group, String... aggregates) {
		List<AclBinding> bindings = new ArrayList<>();
		bindings.addAll(KafkaAccess.bindings(user, literal(ResourceType.GROUP, group), AclOperation.READ));
		for (String aggregate : aggregates) {
			String topic = OUTBOX_TOPICS + aggregate;
			bindings.addAll(KafkaAccess.bindings(user, literal(ResourceType.TOPIC, topic), AclOperation.READ,
					AclOperation.DESCRIBE));
			bindings.addAll(KafkaAccess.bindings(user, literal(ResourceType.TOPIC, topic + DEAD_LETTER_SUFFIX),
					AclOperation.CREATE, AclOperation.WRITE, AclOperation.DESCRIBE));
		}
		return bindings;
	}

	private static ResourcePattern literal(ResourceType type, String name) {
		return new ResourcePattern(type, name, PatternType.LITERAL);
	}

}
