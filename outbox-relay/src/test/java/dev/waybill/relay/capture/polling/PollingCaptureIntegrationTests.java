package dev.waybill.relay.capture.polling;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.LeastPrivilegedRole;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.relay.TopicReader;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What only polling capture has: the lock that keeps one poller per outbox, the checks of
 * its columns and privileges, and the position record that keeps a batch published in
 * Kafka but not yet marked in the database from being published twice.
 */
@ExtendWith(EmbeddedStackExtension.class)
class PollingCaptureIntegrationTests {

	private static final Duration ARRIVAL = Duration.ofSeconds(60);

	// the polling session's lock, as JdbcPollingSession takes it
	private static final String POLLING_LOCK = "SELECT pg_try_advisory_lock(x'57424C59'::int, hashtext('public.outbox_event'))";

	private static final String UNPUBLISHED = "SELECT count(*) FROM outbox_event WHERE published_at IS NULL";

	@Test
	void endsThePollingSessionOfAnEarlierLeaderWhenItTakesOver(EmbeddedStack stack) throws SQLException {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "pollock");
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		// what a paused or cut-off leader leaves: its poller's session, holding the lock
		try (Connection earlier = DriverManager.getConnection(stack.jdbcUrl(outbox.database()),
				ServiceDatabase.RELAY_USER, ServiceDatabase.RELAY_PASSWORD);
				Statement lock = earlier.createStatement()) {
			ResultSet taken = lock.executeQuery(POLLING_LOCK);
			assertThat(taken.next() && taken.getBoolean(1)).as("the lock taken").isTrue();
			try (TopicReader reader = reader(stack, relay); ConfigurableApplicationContext running = relay.start()) {
				outbox.commit(List.of(Row.of("poll", "after-takeover", 1)));
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(1));
				assertThat(earlier.isValid(5)).as("the earlier poller's session").isFalse();
			}
		}
	}

	@Test
	void refusesAnOutboxTableWithoutThePollingColumns(EmbeddedStack stack) {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "pollcols");
		outbox.execute("""
				CREATE TABLE legacy_outbox (id uuid PRIMARY KEY, aggregatetype varchar(255),
				    aggregateid varchar(255), type varchar(255), payload jsonb)
				""");
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].table=public.legacy_outbox"))
			.hasStackTraceContaining(
					"polling needs the columns sequence_number and published_at in public.legacy_outbox")
			.hasStackTraceContaining("schema-postgresql.sql");
	}

	@Test
	void refusesARoleThatMayNotMarkRowsPublished(EmbeddedStack stack) {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "pollrole");
		String reader = outbox.name() + "_reader";
		stack.postgres()
			.execute(outbox.name(), "CREATE ROLE " + reader + " LOGIN PASSWORD '" + reader + "'",
					"GRANT SELECT ON outbox_event TO " + reader);
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		assertThatThrownBy(() -> relay.start("waybill.relay.sources[0].username=" + reader,
				"waybill.relay.sources[0].password=" + reader))
			.hasStackTraceContaining(
					"role '" + reader + "' may not SELECT public.outbox_event and UPDATE its" + " published_at")
			.hasStackTraceContaining(
					"GRANT SELECT, UPDATE (published_at) ON public.outbox_event TO \"" + reader + "\"");
	}

	@Test
	void pollsAndMarksRowsPublishedAsARoleThatMayUpdatePublishedAtAloneAndIsNoMemberOfTheOwner(EmbeddedStack stack) {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "pollleast");
		LeastPrivilegedRole role = LeastPrivilegedRole.create(stack, outbox, "", LeastPrivilegedRole.READ_AND_MARK);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(stack.jdbcUrl(outbox.database()),
				outbox.database().user(), outbox.database().password()));
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		outbox.commit(List.of(Row.of("poll", "before", 1)));
		try (TopicReader reader = reader(stack, relay);
				ConfigurableApplicationContext running = relay.start(role.sourceSettings())) {
			outbox.commit(List.of(Row.of("poll", "after", 1)));
			await().atMost(ARRIVAL)
				.untilAsserted(() -> assertThat(reader.poll()).extracting((record) -> record.key())
					.containsExactlyInAnyOrder("before", "after"));
			await().untilAsserted(() -> assertThat(jdbc.queryForObject(UNPUBLISHED, Long.class)).isZero());
		}
	}

	@Test
	void marksTheBatchLastCommittedInKafkaInsteadOfPublishingItAgain(EmbeddedStack stack) {
		OutboxDatabase outbox = OutboxDatabase.create(stack, "pollmark");
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(stack.jdbcUrl(outbox.database()),
				outbox.database().user(), outbox.database().password()));
		RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		try (TopicReader reader = reader(stack, relay)) {
			try (ConfigurableApplicationContext running = relay.start()) {
				// one transaction's rows become visible together: one batch
				outbox.commit(List.of(Row.of("poll", "a", 1), Row.of("poll", "b", 1), Row.of("poll", "c", 1)));
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(3));
				await().untilAsserted(() -> assertThat(jdbc.queryForObject(UNPUBLISHED, Long.class)).isZero());
			}
			// the state a relay killed between the Kafka commit and the database commit
			// leaves: the batch is in Kafka, its rows are unmarked
			jdbc.update("UPDATE outbox_event SET published_at = NULL");
			try (ConfigurableApplicationContext restarted = relay.start()) {
				await().untilAsserted(() -> assertThat(jdbc.queryForObject(UNPUBLISHED, Long.class)).isZero());
				outbox.commit(List.of(Row.of("poll", "d", 1)));
				await().atMost(ARRIVAL).untilAsserted(() -> assertThat(reader.poll()).hasSize(4));
				assertThat(reader.poll()).extracting((record) -> record.key())
					.containsExactlyInAnyOrder("a", "b", "c", "d");
			}
		}
	}

	private static TopicReader reader(EmbeddedStack stack, RelayRunner relay) {
		return new TopicReader(stack.bootstrapServers(), relay.topicPrefix().replace(".", "\\.") + "poll");
	}

}
