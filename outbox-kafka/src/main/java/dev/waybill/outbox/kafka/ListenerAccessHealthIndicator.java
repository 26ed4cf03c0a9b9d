package dev.waybill.outbox.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.KafkaEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Down while Kafka refuses one of the service's listeners (a wrong password, an ACL not
 * granted), naming the listener, its topics and whether Kafka refused to authenticate or
 * to authorize it; up again once the listener's retry gets through. Without it a refused
 * listener only logs, and the service looks healthy while its events wait.
 */
final class ListenerAccessHealthIndicator extends AbstractHealthIndicator implements ApplicationListener<KafkaEvent> {

	private final Map<String, String> refused = new ConcurrentHashMap<>();

	private final Duration retryInterval;

	ListenerAccessHealthIndicator(Duration retryInterval) {
		super("Listener access check failed");
		this.retryInterval = retryInterval;
	}

	@Override
	public void onApplicationEvent(KafkaEvent event) {
		MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
		if (event instanceof ConsumerRetryAuthEvent retry) {
			this.refused.put(container.getListenerId(), describe(container, retry.getReason()));
		}
		else if (event instanceof ConsumerRetryAuthSuccessfulEvent) {
			this.refused.remove(container.getListenerId());
		}
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> current = Map.copyOf(this.refused);
		if (current.isEmpty()) {
			builder.up();
		}
		else {
			builder.down().withDetails(current);
		}
	}

	private String describe(MessageListenerContainer container, ConsumerRetryAuthEvent.Reason reason) {
		String[] topics = container.getContainerProperties().getTopics();
		String refusal = (reason == ConsumerRetryAuthEvent.Reason.AUTHENTICATION)
				? "Kafka did not authenticate the service's user (check its password or certificate)"
				: "Kafka did not authorize the service's user (check its ACLs: READ on the topics, READ on group '"
						+ container.getGroupId() + "')";
		return refusal + " for topics " + ((topics != null) ? Arrays.toString(topics) : "by pattern")
				+ "; trying again every " + this.retryInterval.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
