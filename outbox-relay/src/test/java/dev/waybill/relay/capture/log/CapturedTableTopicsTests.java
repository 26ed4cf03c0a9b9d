package dev.waybill.relay.capture.log;

import java.util.Properties;

import io.debezium.relational.TableId;
import io.debezium.schema.SchemaTopicNamingStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapturedTableTopicsTests {

	private static final TableId OUTBOX = new TableId(null, "public", "outbox_event");

	@Test
	void namesATableAsDebeziumsDefaultStrategyDoes() {
		Properties properties = new Properties();
		properties.setProperty("topic.prefix", "orders");

		assertThat(new CapturedTableTopics(properties).dataChangeTopic(OUTBOX))
			.isEqualTo(new SchemaTopicNamingStrategy(properties).dataChangeTopic(OUTBOX))
			.isEqualTo("orders.public.outbox_event");
	}

	@Test
	void namesEachTableOnceAndThenReusesTheName() {
		Properties properties = new Properties();
		properties.setProperty("topic.prefix", "orders");
		CapturedTableTopics topics = new CapturedTableTopics(properties);

		assertThat(topics.dataChangeTopic(new TableId(null, "public", "outbox_event")))
			.isSameAs(topics.dataChangeTopic(OUTBOX));
		assertThat(topics.dataChangeTopic(new TableId(null, "public", "other"))).isEqualTo("orders.public.other");
	}

	@Test
	void keepsDebeziumsHeartbeatTopic() {
		Properties properties = new Properties();
		properties.setProperty("topic.prefix", "orders");

		assertThat(new CapturedTableTopics(properties).heartbeatTopic())
			.isEqualTo(new SchemaTopicNamingStrategy(properties).heartbeatTopic());
	}

}
