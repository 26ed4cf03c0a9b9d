package dev.waybill.relay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.waybill.contract.OutboxCapture;
import dev.waybill.relay.RelayProperties.CloudEvents;
import dev.waybill.relay.RelayProperties.LostSlot;
import dev.waybill.relay.RelayProperties.Polling;
import dev.waybill.relay.RelayProperties.ProducerTimeouts;
import dev.waybill.relay.RelayProperties.ReplicationCheck;
import dev.waybill.relay.RelayProperties.Restart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RelayPropertiesTests {

	@Test
	void addsCloudEventsAttributesOnlyWhenAskedToWithASourceThatIsAUriReference() {
		assertThat(new CloudEvents(false, "/waybill/").sourcePrefixIfEnabled()).isNull();
		assertThat(new CloudEvents(true, "urn:example:").sourcePrefixIfEnabled()).isEqualTo("urn:example:");
		assertThatIllegalArgumentException().isThrownBy(() -> new CloudEvents(true, "/way bill/"))
			.withMessageStartingWith(
					"waybill.relay.cloud-events.source-prefix '/way bill/' does not start a URI reference");
	}

	@Test
	void takesHostPortAndDatabaseFromTheJdbcUrl() {
		Source source = new Source("orders", "jdbc:postgresql://db.internal:5433/orders", null, 5432, null, "relay",
				"secret", "public.outbox_event", null, null, Map.of(), LostSlot.REFUSE, SourceSsl.NONE);

		assertThat(source.resolvedHost()).isEqualTo("db.internal");
		assertThat(source.port()).isEqualTo(5433);
		assertThat(source.resolvedDatabase()).isEqualTo("orders");
		assertThat(source.connectionUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/orders");
	}

	@Test
	void namesSlotPublicationAndTransactionalIdAfterTheSource() {
		Source source = new Source("order-service", null, "localhost", 5432, "orders", "relay", "",
				"public.outbox_event", null, " ", Map.of(), LostSlot.REFUSE, SourceSsl.NONE);

		assertThat(source.slot()).isEqualTo("waybill_order_service");
		assertThat(source.publication()).isEqualTo("waybill_order_service");
		assertThat(source.transactionalId()).isEqualTo("waybill-relay-order-service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Orders", "order-events", "1st",
			"an_identifier_longer_than_the_sixty_three_bytes_postgresql_keeps" })
	void refusesAPublicationNameThatPgoutputWouldNotFindAsWritten(String publication) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Source("orders", null, "localhost", 5432, "orders", "relay", "",
					"public.outbox_event", null, publication, Map.of(), LostSlot.REFUSE, SourceSsl.NONE))
			.withMessageContaining("publication-name must be lower-case letters, digits and underscores")
			.withMessageEndingWith("was " + publication);
	}

	@Test
	void refusesASourceWithoutADatabase() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Source("orders", null, "localhost", 5432, null, "relay", "", "public.outbox_event",
					null, null, Map.of(), LostSlot.REFUSE, SourceSsl.NONE))
			.withMessageContaining("needs either jdbc-url or both host and database");
	}

	@Test
	void refusesAUrlForAnotherDatabase() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Source("orders", "jdbc:mysql://localhost/orders", null, 5432, null, "relay", "",
					"public.outbox_event", null, null, Map.of(), LostSlot.REFUSE, SourceSsl.NONE))
			.withMessageContaining("must start with jdbc:postgresql://");
	}

	@Test
	void doublesTheRestartBackoffWithEveryFailedAttemptUpToTheMaximum() {
		Restart restart = new Restart(Duration.ofSeconds(1), Duration.ofSeconds(30));

		assertThat(restart.backoff(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(restart.backoff(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(restart.backoff(4)).isEqualTo(Duration.ofSeconds(16));
		assertThat(restart.backoff(5)).isEqualTo(Duration.ofSeconds(30));
		assertThat(restart.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void refusesARestartBackoffWhoseMaximumIsBelowItsStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Restart(Duration.ofSeconds(10), Duration.ofSeconds(1)))
			.withMessageContaining("0 < initial-backoff <= max-backoff");
	}

	@Test
	void refusesADeliveryTimeoutShorterThanARequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProducerTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)))
			.withMessageContaining("delivery-timeout (PT5S) must be at least request-timeout (PT5S)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "-PT0.1S" })
	void refusesAPollingIntervalThatIsNotPositive(String interval) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Polling(Duration.parse(interval)))
			.withMessageContaining("waybill.relay.polling.interval must be positive");
	}

	@Test
	void bindsTheDefaultsWhenOnlySourcesAndBrokerAreGiven() {
		RelayProperties relay = RelaySettings.bind(Map.of());

		assertThat(relay.pollInterval()).isEqualTo(Duration.ofMillis(5));
		assertThat(relay.linger()).isEqualTo(Duration.ofMillis(20));
		assertThat(relay.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(relay.capture()).isEqualTo(OutboxCapture.LOG);
		assertThat(relay.replicationCheck()).isEqualTo(ReplicationCheck.REFUSE);
	}

	@Test
	void bindsTheReplicationCheckInAnyCaseAndRefusesAnUnknownOneNamingTheSetting() {
		assertThat(RelaySettings.bind(Map.of("replication-check", "warn")).replicationCheck())
			.isEqualTo(ReplicationCheck.WARN);
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> RelaySettings.bind(Map.of("replication-check", "ignore")))
			.withMessageContaining("waybill.relay.replication-check");
	}

	@ParameterizedTest
	@ValueSource(strings = { "poll-interval=0ms", "poll-interval=500us", "heartbeat-interval=0s",
			"transaction-timeout=-1s", "startup-timeout=0s" })
	void refusesADurationUnderAMillisecondNamingTheSetting(String setting) {
		String name = setting.substring(0, setting.indexOf('='));

		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> RelaySettings.bind(Map.of(name, setting.substring(name.length() + 1))))
			.havingRootCause()
			.withMessageContaining("waybill.relay." + name + " must be at least 1ms");
	}

	@Test
	void takesAZeroLingerAndRefusesANegativeOneNamingTheSetting() {
		assertThat(RelaySettings.bind(Map.of("linger", "0ms")).linger()).isZero();
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> RelaySettings.bind(Map.of("linger", "-1ms")))
			.havingRootCause()
			.withMessageContaining("waybill.relay.linger must not be negative");
	}

}
