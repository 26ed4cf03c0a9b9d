package dev.waybill.outbox.kafka;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerAccessHealthIndicatorTests {

	private final ListenerAccessHealthIndicator health = new ListenerAccessHealthIndicator(Duration.ofSeconds(5));

	private final KafkaMessageListenerContainer<Object, Object> container = container();

	@Test
	void isUpWhileKafkaRefusesNoListener() {
		assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isDownWhileKafkaRefusesToAuthorizeAListenerAndNamesItsTopicsAndGroup() {
		this.health.onApplicationEvent(
				new ConsumerRetryAuthEvent(this, this.container, ConsumerRetryAuthEvent.Reason.AUTHORIZATION));

		assertThat(this.health.health(true).getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.health.health(true).getDetails()).containsExactly(Map.entry("inventory-orders",
				"Kafka did not authorize the service's user (check its ACLs: READ on the topics, READ on group"
						+ " 'inventory-service') for topics [outbox.event.order]; trying again every 5s"));
	}

	@Test
	void saysWhenKafkaRefusesToAuthenticateTheUser() {
		this.health.onApplicationEvent(
				new ConsumerRetryAuthEvent(this, this.container, ConsumerRetryAuthEvent.Reason.AUTHENTICATION));

		assertThat(this.health.health(true).getDetails().get("inventory-orders").toString())
			.startsWith("Kafka did not authenticate the service's user (check its password or certificate)");
	}

	@Test
	void isUpAgainOnceTheListenersRetryGetsThrough() {
		this.health.onApplicationEvent(
				new ConsumerRetryAuthEvent(this, this.container, ConsumerRetryAuthEvent.Reason.AUTHORIZATION));
		this.health.onApplicationEvent(new ConsumerRetryAuthSuccessfulEvent(this, this.container));

		assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP);
	}

	private static KafkaMessageListenerContainer<Object, Object> container() {
		ContainerProperties properties = new ContainerProperties("outbox.event.order");
		properties.setGroupId("inventory-service");
		properties.setMessageListener((MessageListener<Object, Object>) (record) -> {
		});
		KafkaMessageListenerContainer<Object, Object> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), properties);
		container.setBeanName("inventory-orders");
		return container;
	}

}
