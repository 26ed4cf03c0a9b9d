package dev.waybill.relay.capture;

import java.util.Map;
import java.util.Properties;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

	@Test
	void passesASourcesFurtherDebeziumSettingsThrough() {
		Properties engine = engine(Map.of("sources[0].debezium.database.sslmode", "verify-full",
				"sources[0].debezium.database.sslrootcert", "/etc/ssl/root.crt"));

		assertThat(engine).containsEntry("database.sslmode", "verify-full")
			.containsEntry("database.sslrootcert", "/etc/ssl/root.crt");
	}

	@Test
	void letsASourceChooseOtherwiseWhereTheRelayOnlyChose() {
		Properties engine = engine(Map.of("sources[0].debezium.queue.provider.type", "memory",
				"sources[0].debezium.statistics.metrics.enabled", "true"));

		assertThat(engine).containsEntry("queue.provider.type", "memory")
			.containsEntry("statistics.metrics.enabled", "true");
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
