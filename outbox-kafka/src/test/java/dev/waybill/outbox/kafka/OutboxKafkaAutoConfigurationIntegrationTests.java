package dev.waybill.outbox.kafka;

import dev.waybill.outbox.test.TestRelay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.NotBlank;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxKafkaAutoConfigurationIntegrationTests {

	private final String topic = "pings-" + UUID.randomUUID();

	private EmbeddedStack stack;

	private ConfigurableApplicationContext context;

	private TestRelay relay;

	@BeforeAll
	void start(EmbeddedStack stack) {
		this.stack = stack;
		ServiceDatabase database = stack.createDatabase("pings");
		stack.postgres()
			.execute(database.name(), "CREATE TABLE ping (name text NOT NULL)",
					"ALTER TABLE ping OWNER TO \"" + database.user() + "\"");
		this.context = new SpringApplicationBuilder(PingApplication.class).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + stack.jdbcUrl(database),
					"--spring.datasource.username=" + database.user(),
					"--spring.datasource.password=" + database.password(),
					"--spring.kafka.bootstrap-servers=" + stack.bootstrapServers(),
					"--spring.kafka.consumer.group-id=" + this.topic,
					"--spring.kafka.consumer.auto-offset-reset=earliest", "--waybill.outbox.schema=script",
					"--waybill.outbox.kafka.retry.initial-interval=50ms", "--waybill.outbox.kafka.retry.max-elapsed=1s",
					"--test.topic=" + this.topic);
		this.relay = new TestRelay(stack.bootstrapServers(), "");
	}

	@AfterAll
	void stop() {
		this.relay.close();
		this.context.close();
	}

	@Test
	void aTransientFailureIsRetriedWithItsWritesRolledBackAndAppliedOnce() {
		this.relay.send(List.of(ping("flaky", 2)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pings("flaky")).isOne());
		assertThat(probe().attempts("flaky")).isEqualTo(3);
		assertThat(jdbc().queryForObject("SELECT count(*) FROM processed_event WHERE event_type = 'Pinged'",
				Integer.class))
			.isPositive();
	}

	@Test
	void aRecordThatKeepsFailingGoesToTheDeadLetterTopicAndTheNextIsApplied() {
		this.relay.send(List.of(ping("doomed", 1_000), ping("after-doomed", 0)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pings("after-doomed")).isOne());
		assertThat(pings("doomed")).isZero();
		List<ConsumerRecord<String, String>> dead = TestRelay.read(this.stack.bootstrapServers(), this.topic + ".dlt",
				1);
		assertThat(dead).anySatisfy((record) -> assertThat(TestRelay.header(record, DeadLetterHeaders.REASON))
			.contains("TransientDataAccessResourceException")
			.contains("database hiccup"));
	}

	@Test
	void recordsOfAnAbortedRelayTransactionAreNeverApplied() throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers(),
						ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-" + UUID.randomUUID()),
				new StringSerializer(), new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(ping("aborted", 0)).get();
			producer.flush();
			producer.abortTransaction();
		}
		this.relay.send(List.of(ping("committed", 0)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pings("committed")).isOne());
		assertThat(pings("aborted")).isZero();
	}

	@Test
	void aConsumerGroupThatJoinsAfterEventsWerePublishedReceivesThemWithNoConsumerSettingsOfItsOwn() {
		String lateTopic = "late-pings-" + UUID.randomUUID();
		String application = "late-" + UUID.randomUUID();
		this.relay.send(List.of(TestRelay.record(lateTopic, "early", UUID.randomUUID(), "Pinged", 1,
				"{\"name\":\"early\",\"failures\":0}")));
		ServiceDatabase database = this.stack.createDatabase("late");
		this.stack.postgres()
			.execute(database.name(), "CREATE TABLE ping (name text NOT NULL)",
					"ALTER TABLE ping OWNER TO \"" + database.user() + "\"");
		// neither a group nor an offset reset: the outbox listener's defaults apply
		try (ConfigurableApplicationContext late = new SpringApplicationBuilder(PingApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.application.name=" + application, "--spring.datasource.url=" + this.stack.jdbcUrl(database),
					"--spring.datasource.username=" + database.user(),
					"--spring.datasource.password=" + database.password(),
					"--spring.kafka.bootstrap-servers=" + this.stack.bootstrapServers(),
					"--waybill.outbox.schema=script", "--test.topic=" + lateTopic)) {
			JdbcTemplate jdbc = late.getBean(JdbcTemplate.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(
						jdbc.queryForObject("SELECT count(*) FROM ping WHERE name = 'early'", Integer.class))
					.isOne());
			assertThat(late.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers()).singleElement()
				.satisfies((container) -> assertThat(container.getGroupId()).isEqualTo(application));
		}
	}

	private org.apache.kafka.clients.producer.ProducerRecord<String, String> ping(String name, int failures) {
		return TestRelay.record(this.topic, name, UUID.randomUUID(), "Pinged", 1,
				"{\"name\":\"%s\",\"failures\":%d}".formatted(name, failures));
	}

	private int pings(String name) {
		Integer count = jdbc().queryForObject("SELECT count(*) FROM ping WHERE name = ?", Integer.class, name);
		return (count != null) ? count : 0;
	}

	private JdbcTemplate jdbc() {
		return this.context.getBean(JdbcTemplate.class);
	}

	private Probe probe() {
		return this.context.getBean(Probe.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PingApplication {

		@Bean
		Probe probe(IncomingEvents events, JdbcTemplate jdbc) {
			return new Probe(events, jdbc);
		}

	}

	record Pinged(@NotBlank String name, int failures) {
	}

	static final class Probe {

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final IncomingEvents events;

		private final JdbcTemplate jdbc;

		private final EventHandlers handlers;

		Probe(IncomingEvents events, JdbcTemplate jdbc) {
			this.events = events;
			this.jdbc = jdbc;
			this.handlers = EventHandlers.builder().on("Pinged", Pinged.class, this::apply).build();
		}

		@OutboxListener(topics = "${test.topic}")
		void on(ConsumerRecord<String, String> record) {
			this.events.apply(OutboxRecords.envelope(record), this.handlers);
		}

		int attempts(String name) {
			return this.attempts.getOrDefault(name, new AtomicInteger()).get();
		}

		private void apply(Pinged ping) {
			int attempt = this.attempts.computeIfAbsent(ping.name(), (key) -> new AtomicInteger()).incrementAndGet();
			this.jdbc.update("INSERT INTO ping (name) VALUES (?)", ping.name());
			if (attempt <= ping.failures()) {
				throw new TransientDataAccessResourceException("database hiccup " + attempt);
			}
		}

	}

}
