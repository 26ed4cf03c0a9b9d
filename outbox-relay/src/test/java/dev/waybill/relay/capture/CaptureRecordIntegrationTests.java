package dev.waybill.relay.capture;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.outbox.jdbc.JdbcOutbox;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The relay records its capture in the source database when it starts, and the services'
 * cleanup, configured by default, reads it there: behind a polling relay no row is
 * deleted before the relay marked it published.
 */
@ExtendWith(EmbeddedStackExtension.class)
class CaptureRecordIntegrationTests {

	private final EmbeddedStack stack;

	CaptureRecordIntegrationTests(EmbeddedStack stack) {
		this.stack = stack;
	}

	@ParameterizedTest
	@EnumSource(OutboxCapture.class)
	void theRelayRecordsItsCaptureWhenItStarts(OutboxCapture capture) throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "record");
		try (ConfigurableApplicationContext running = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, capture)
			.start()) {
			assertThat(recordedCapture(outbox)).isEqualTo(capture.name());
		}
	}

	@Test
	void retentionWithDefaultSettingsKeepsTheRowsAPollingRelayHasNotPublished() throws Exception {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "trap");
		// stopped at once, so that what it published is marked and the rest is not
		RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING).start().close();
		outbox.commit(List.of(Row.of("order", "o-1", 1), Row.of("order", "o-2", 1)));
		outbox.execute("UPDATE outbox_event SET published_at = now() WHERE aggregateid = 'o-1'");
		SmartLifecycle retention = JdbcOutbox.retentionJob(dataSource(this.stack, outbox), anHourLater(),
				"outbox_event", Duration.ofMinutes(1), Duration.ofMillis(50), 100);
		retention.start();
		try {
			await().untilAsserted(() -> assertThat(aggregateIds(outbox)).containsExactly("o-2"));
			Thread.sleep(200);
			assertThat(aggregateIds(outbox)).containsExactly("o-2");
		}
		finally {
			retention.stop();
		}
	}

	@Test
	void refusesToStartWithoutTheCaptureTable() {
		OutboxDatabase outbox = OutboxDatabase.create(this.stack, "norecord");
		outbox.execute("DROP TABLE outbox_capture");
		RelayRunner relay = RelayRunner.of(this.stack, outbox, Delivery.EXACTLY_ONCE, OutboxCapture.POLLING);
		assertThatThrownBy(relay::start).hasStackTraceContaining("the capture table 'public.outbox_capture' does "
				+ "not exist in database '" + outbox.name() + "': create it as the reference DDL does");
	}

	private static String recordedCapture(OutboxDatabase outbox) throws SQLException {
		return single(outbox, "SELECT capture FROM outbox_capture WHERE outbox_table = 'outbox_event'::regclass");
	}

	private static List<String> aggregateIds(OutboxDatabase outbox) throws SQLException {
		try (Connection connection = outbox.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT aggregateid FROM outbox_event ORDER BY 1")) {
			List<String> ids = new ArrayList<>();
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
			return ids;
		}
	}

	private static String single(OutboxDatabase outbox, String query) throws SQLException {
		try (Connection connection = outbox.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			assertThat(rows.next()).as("a row for %s", query).isTrue();
			return rows.getString(1);
		}
	}

	private static DataSource dataSource(EmbeddedStack stack, OutboxDatabase outbox) {
		return new DriverManagerDataSource(stack.jdbcUrl(outbox.database()), outbox.database().user(),
				outbox.database().password());
	}

	private static Clock anHourLater() {
		return Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
	}

}
