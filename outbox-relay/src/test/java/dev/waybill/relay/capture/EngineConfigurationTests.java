package dev.waybill.relay.capture;

import java.util.Map;
import java.util.Properties;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EngineConfigurationTests {

	@Test
	void waitsOutTheEndOfEachPollInsteadOfSpinning() {
		assertThat(engine(Map.of())).containsEntry("queue.provider.type", SpinFreeQueue.NAME);
	}

	@Test
	void leavesOutDebeziumsOwnLatencyStatistics() {
		assertThat(engine(Map.of())).containsEntry("statistics.metrics.enabled", "false");
	}

	@Test
	void confirmsTheLogPositionOnlyWhenABatchIsCommitted() {
		assertThat(engine(Map.of())).containsEntry("lsn.flush.mode", "connector")
			.containsEntry("offset.storage", KafkaOffsetStore.class.getName());
	}

	@ParameterizedTest
	@CsvSource({ "database.sslmode, verify-full", "database.sslrootcert, /etc/ssl/root.crt",
			"queue.provider.type, memory", "statistics.metrics.enabled, true" })
	void passesASourcesFurtherDebeziumSettingsThroughAndLetsItChooseOtherwiseWhereTheRelayOnlyChose(String name,
			String value) {
		assertThat(engine(Map.of("sources[0].debezium." + name, value))).containsEntry(name, value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "snapshot.mode", "name", "offset.storage", "offset.flush.interval.ms",
			"publication.autocreate.mode", "lsn.flush.mode", "value.converter", "key.converter.schemas.enable",
			"skipped.operations", "heartbeat.action.query", "connector.class" })
	void refusesASettingTheRelayDependsOn(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> engine(Map.of("sources[0].debezium." + name, "x")))
			.withMessage("waybill.relay.sources[orders].debezium." + name
					+ " is set by the relay, which depends on its value");
	}

	@Test
	void namesTheRelayPropertyForASettingThatHasOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> engine(Map.of("sources[0].debezium.slot.name", "other_slot")))
			.withMessageEndingWith("depends on its value: use waybill.relay.sources[n].slot-name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> engine(Map.of("sources[0].debezium.poll.interval.ms", "50")))
			.withMessageEndingWith(": use waybill.relay.poll-interval");
	}

	private static Properties engine(Map<String, String> settings) {
		RelayProperties relay = RelaySettings.bind(settings);
		return EngineConfiguration.of(relay.sources().get(0), relay);
	}

}
