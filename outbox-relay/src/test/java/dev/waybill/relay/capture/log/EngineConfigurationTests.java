package dev.waybill.relay.capture.log;

import java.util.Map;
import java.util.Properties;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import io.debezium.config.Configuration;
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
			"database.connectTimeout, 5", "slot.max.retries, 10", "status.update.interval.ms, 5000",
			"queue.provider.type, memory", "statistics.metrics.enabled, true" })
	void passesTheDebeziumSettingsASourceMaySetThroughAndLetsItChooseOtherwiseWhereTheRelayOnlyChose(String name,
			String value) {
		assertThat(engine(Map.of("sources[0].debezium." + name, value))).containsEntry(name, value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "snapshot.mode", "name", "offset.storage", "offset.flush.interval.ms",
			"publication.autocreate.mode", "lsn.flush.mode", "skipped.operations", "tombstones.on.delete",
			"heartbeat.action.query", "connector.class" })
	void refusesASettingTheRelayDependsOn(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> engine(Map.of("sources[0].debezium." + name, "x")))
			.withMessage("waybill.relay.sources[orders].debezium." + name
					+ " is set by the relay, which depends on its value");
	}

	@Test
	void refusesASettingThatWouldBreakTheRelaysGuaranteesAndSaysWhy() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> engine(Map.of("sources[0].debezium.slot.drop.on.stop", "true")))
			.withMessage("waybill.relay.sources[orders].debezium.slot.drop.on.stop is not passed to Debezium: "
					+ "drops the slot, and the log it holds for the relay, whenever the engine stops");
	}

	@ParameterizedTest
	@ValueSource(strings = { "transforms", "transforms.route.type", "predicates",
			"event.processing.failure.handling.mode", "column.mask.with.10.chars", "column.exclude.list",
			"provide.transaction.metadata", "slot.stream.params", "incremental.snapshot.chunk.size", "value.converter",
			"key.converter.schemas.enable", "offset.storage.topic", "driver.user", "internal.log.position.check.enable",
			"database.initial.statements" })
	void refusesEveryOtherSettingThatDebeziumDefinesWithItsReason(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> engine(Map.of("sources[0].debezium." + name, "x")))
			.withMessage("waybill.relay.sources[orders].debezium." + name + " is not passed to Debezium: "
					+ DebeziumPassthrough.refusal(name).orElseThrow());
	}

	@ParameterizedTest
	@ValueSource(strings = { "database.sslMode", "tasks.max", "some.future.setting" })
	void refusesASettingItDoesNotKnowAndNamesThoseASourceMaySet(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> engine(Map.of("sources[0].debezium." + name, "x")))
			.withMessageStartingWith("waybill.relay.sources[orders].debezium." + name
					+ " is not one of the Debezium settings a source may set, which are ")
			.withMessageContaining("database.sslmode, database.sslpassword");
	}

	@ParameterizedTest
	@ValueSource(strings = { "database.password", "driver.password", "database.sslPassword" })
	void neverRepeatsTheValueOfASettingItRefuses(String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> engine(Map.of("sources[0].debezium." + name, "s3cret-value")))
			.withMessageContaining(name)
			.withMessageNotContaining("s3cret-value");
	}

	@Test
	void leavesTheClientKeysPasswordToDebeziumsMaskingOfItsLoggedSettings() {
		Properties engine = engine(Map.of("sources[0].password", "s3cret-login",
				"sources[0].debezium.database.sslpassword", "s3cret-key"));

		assertThat(Configuration.from(engine).withMaskedPasswords().toString()).contains("database.sslpassword")
			.doesNotContain("s3cret-login", "s3cret-key");
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

	@Test
	void givesTheEngineTheSourcesTlsAsItsOwnConnectionsHaveIt() {
		assertThat(engine(Map.of("sources[0].ssl.mode", "VERIFY_FULL", "sources[0].ssl.root-cert", "/etc/ca.crt",
				"sources[0].ssl.cert", "/etc/relay.crt", "sources[0].ssl.key", "/etc/relay.pk8",
				"sources[0].ssl.key-password", "k3y")))
			.containsEntry("database.sslmode", "verify-full")
			.containsEntry("database.sslrootcert", "/etc/ca.crt")
			.containsEntry("database.sslcert", "/etc/relay.crt")
			.containsEntry("database.sslkey", "/etc/relay.pk8")
			.containsEntry("database.sslpassword", "k3y");
		assertThat(engine(Map.of())).doesNotContainKeys("database.sslmode", "database.sslrootcert");
	}

	@Test
	void refusesADebeziumTlsSettingBesideTheSourcesOwn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> engine(
					Map.of("sources[0].ssl.mode", "REQUIRE", "sources[0].debezium.database.sslmode", "disable")))
			.withMessageEndingWith(": use waybill.relay.sources[n].ssl.mode");
	}

	private static Properties engine(Map<String, String> settings) {
		RelayProperties relay = RelaySettings.bind(settings);
		return EngineConfiguration.of(relay.sources().get(0), LogSettings.of(relay, RelaySettings.offsets(relay)));
	}

}
