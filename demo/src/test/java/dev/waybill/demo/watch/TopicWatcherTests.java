package dev.waybill.demo.watch;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicWatcherTests {

	@Test
	void printsTopicKeyHeadersAndPayload() {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("outbox.event.order", 1, 42, "order-7",
				"{\"id\":\"order-7\"}");
		record.headers().add("eventType", "OrderPlaced".getBytes(StandardCharsets.UTF_8));
		assertThat(TopicWatcher.format(record)).startsWith("outbox.event.order [1@42] key=order-7")
			.contains("{eventType=OrderPlaced}")
			.endsWith("{\"id\":\"order-7\"}");
	}

	@Test
	void watchesEveryOutboxTopic() {
		assertThat(TopicWatcher.TOPICS.matcher("outbox.event.product").matches()).isTrue();
		assertThat(TopicWatcher.TOPICS.matcher("__consumer_offsets").matches()).isFalse();
	}

}
