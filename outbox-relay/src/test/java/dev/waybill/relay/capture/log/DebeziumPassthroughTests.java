package dev.waybill.relay.capture.log;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.RelaySettings;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.embedded.async.AsyncEngineConfig;
import io.debezium.heartbeat.DatabaseHeartbeatImpl;
import io.debezium.heartbeat.Heartbeat;
import io.debezium.jdbc.JdbcConfiguration;
import io.debezium.schema.AbstractTopicNamingStrategy;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

import static org.assertj.core.api.Assertions.assertThat;

class DebeziumPassthroughTests {

	private static final Set<String> RELAY_CHOICES = Set.of("queue.provider.type", "statistics.metrics.enabled",
			"errors.max.retries", "retriable.restart.connector.wait.ms");

	@Test
	void decidesOnEverySettingThatDebeziumDefines() {
		Set<String> relays = relaySettings();
		assertThat(debeziumSettings()).hasSizeGreaterThan(150)
			.filteredOn((name) -> !DebeziumPassthrough.allows(name) && !relays.contains(name)
					&& DebeziumPassthrough.refusal(name).isEmpty())
			.as("Debezium settings neither allowed nor refused on purpose (DebeziumPassthrough)")
			.isEmpty();
	}

	@Test
	void allowsOnlySettingsThatDebeziumOrThePostgresDriverStillDefines() {
		Set<String> defined = debeziumSettings();
		Arrays.stream(PGProperty.values()).forEach((property) -> defined.add("database." + property.getName()));
		assertThat(DebeziumPassthrough.ALLOWED.keySet()).isSubsetOf(defined);
	}

	@Test
	void allowsOfTheRelaysOwnSettingsOnlyThoseItChoseWithoutDependingOnThem() {
		Set<String> allowedAndSetByRelay = new HashSet<>(relaySettings());
		allowedAndSetByRelay.retainAll(DebeziumPassthrough.ALLOWED.keySet());
		assertThat(allowedAndSetByRelay).isEqualTo(RELAY_CHOICES);
	}

	@Test
	void refusesNoSettingThatItAllows() {
		assertThat(DebeziumPassthrough.ALLOWED.keySet())
			.allSatisfy((name) -> assertThat(DebeziumPassthrough.refusal(name)).as(name).isEmpty());
	}

	@Test
	void refusesEverySettingOfAFamilyForTheFamilysReason() {
		assertThat(DebeziumPassthrough.refusal("snapshot.mode.custom.name"))
			.isEqualTo(DebeziumPassthrough.refusal("snapshot"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("copies no table"));
		assertThat(DebeziumPassthrough.refusal("column.mask.hash.SHA-256.with.salt.pepper"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("columns"));
		assertThat(DebeziumPassthrough.refusal("transforms.route.type")).isPresent();
	}

	@Test
	void knowsAFamilyOnlyByWholeNames() {
		assertThat(DebeziumPassthrough.refusal("tables.of.mine")).isEmpty();
		assertThat(DebeziumPassthrough.refusal("snapshotting")).isEmpty();
		assertThat(DebeziumPassthrough.refusal("an.unknown.setting")).isEmpty();
	}

	// what the relay sets itself, allowed choices included
	private static Set<String> relaySettings() {
		RelayProperties relay = RelaySettings.bind(Map.of());
		return EngineConfiguration.of(relay.sources().get(0), LogSettings.of(relay, RelaySettings.offsets(relay)))
			.stringPropertyNames();
	}

	/**
	 * The settings that Debezium 3.6 defines for the async embedded engine and the
	 * PostgreSQL connector: its configuration classes' {@code Field} constants (inherited
	 * ones included), the heartbeat's and the topic naming's, and the JDBC connection's,
	 * which the connector reads under {@code database.}.
	 */
	private static Set<String> debeziumSettings() {
		Set<String> names = new TreeSet<>();
		Stream
			.of(PostgresConnectorConfig.class, AsyncEngineConfig.class, Heartbeat.class, DatabaseHeartbeatImpl.class,
					AbstractTopicNamingStrategy.class)
			.forEach((type) -> names.addAll(fieldNames(type, "")));
		names.addAll(fieldNames(JdbcConfiguration.class, "database."));
		PostgresConnectorConfig.ALL_FIELDS.forEach((field) -> names.add(field.name()));
		names.addAll(PostgresConnectorConfig.configDef().names());
		return names;
	}

	private static Set<String> fieldNames(Class<?> type, String prefix) {
		Set<String> names = new TreeSet<>();
		for (Field constant : type.getFields()) {
			if (Modifier.isStatic(constant.getModifiers())) {
				Object value = valueOf(constant);
				if (value instanceof io.debezium.config.Field field) {
					names.add(prefix + field.name());
				}
				else if (value instanceof io.debezium.config.Field.Set set) {
					set.forEach((field) -> names.add(prefix + field.name()));
				}
			}
		}
		return names;
	}

	private static Object valueOf(Field constant) {
		try {
			return constant.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
